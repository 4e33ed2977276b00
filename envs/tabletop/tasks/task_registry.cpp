// The list of tabletop task names and the factory that maps a name to its
// family's generator (task.h).
#include <stdexcept>

#include "envs/tabletop/tasks/task.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {

const std::vector<std::string>& task_names() {
  static const std::vector<std::string> names = {
      "pick-and-place-primitive",
      "pick-and-place-primitive-with-size",
      "pick-and-place-primitive-with-absolute-position",
      "put-block-in-matching-bowl",                                    // B
      "stack-smaller-over-bigger-with-same-color",                     // C
      "stack-block-in-absolute-area",                                  // D
      "put-even-block-in-same-color-zone",                             // E
      "put-block-in-mismatching-bowl",                                 // F
      "stack-block-of-same-size",                                      // G
      "stack-block-with-alternate-color",                              // H
      "stack-smaller-over-bigger-with-same-color-in-same-color-zone",  // I
      "move-block-in-x-area-to-y-area",                                // J
      "stack-block-of-same-color",                                     // K
      "place-red-in-green",
      "stack-block-pyramid",
  };
  return names;
}

std::unique_ptr<Task> make_task(const std::string& name, const TaskOptions& options) {
  if (name.rfind("pick-and-place-primitive", 0) == 0) {
    for (const std::string& known : task_names())
      if (known == name) return make_primitive_task(name);
  }
  if (name == "put-block-in-matching-bowl" || name == "put-block-in-mismatching-bowl") return make_bowl_task(name);
  if (name == "stack-smaller-over-bigger-with-same-color" || name == "stack-block-of-same-size" ||
      name == "stack-smaller-over-bigger-with-same-color-in-same-color-zone")
    return make_size_task(name);
  if (name == "stack-block-in-absolute-area" || name == "move-block-in-x-area-to-y-area")
    return make_area_task(name, options);
  if (name == "put-even-block-in-same-color-zone") return make_even_zone_task(options);
  if (name == "stack-block-with-alternate-color" || name == "stack-block-of-same-color")
    return make_stacking_task(name);
  if (name == "place-red-in-green" || name == "stack-block-pyramid") return make_classic_task(name);
  std::string known;
  for (const std::string& n : task_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown tabletop task '" + name + "'; known tasks: " + known);
}

}  // namespace ember::tabletop
