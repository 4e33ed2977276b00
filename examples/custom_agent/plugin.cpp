// File: examples/custom_agent/plugin.cpp
//
// The out-of-tree glue: makes hill_climb_agent.cpp a plugin that ember loads
// from a config's `plugins:` or a command's --plugin (core/plugin.h). An
// in-tree copy of the folder under agents/ leaves this file out.
#include "core/plugin.h"
#include "hill_climb_agent.h"

EMBER_PLUGIN(ember::register_hill_climb_agent)
