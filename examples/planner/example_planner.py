#!/usr/bin/env python3
"""A tiny external planner for ember's planner_actor agent (planner: external).

Protocol (docs/agents/planner.md): one JSON object per line on stdin,
    {"instruction": "...", "caption": "...", "step": 0, "env": 0}
and one JSON object per line on stdout:
    {"step_instruction": "pick up the red block and place it on the red bowl."}
or  {"done": true}

This one only knows "put the blocks in the bowls with matching colors.": it
reads the layout sentences of the caption ("The red block is in the top left
area.") and sends the first block that is not yet in its bowl. For any other
instruction it answers done. Replace plan() with a call to your model.

Only the standard library; stdout carries the protocol, so diagnostics go to
stderr, and every reply is flushed.
"""
import json
import re
import sys

LAYOUT = re.compile(r"The (?P<name>[a-z ]+?) is (?P<where>(?:on|in) the [a-z ]+|outside the workspace)\.")


def plan(instruction, caption):
    if instruction.strip().lower().rstrip(".") != "put the blocks in the bowls with matching colors":
        return None
    places = [(m.group("name"), m.group("where")) for m in LAYOUT.finditer(caption)]
    bowls = {name for name, _ in places if name.endswith(" bowl")}
    for name, where in places:
        if not name.endswith(" block"):
            continue
        bowl = name.split()[-2] + " bowl"
        if bowl in bowls and where != "in the " + bowl:
            return "pick up the %s and place it on the %s." % (name, bowl)
    return None


def main():
    for line in sys.stdin:
        request = json.loads(line)
        step = plan(request["instruction"], request["caption"])
        reply = {"step_instruction": step} if step else {"done": True}
        print("example planner: env %d step %d -> %s" % (request["env"], request["step"], reply), file=sys.stderr)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
