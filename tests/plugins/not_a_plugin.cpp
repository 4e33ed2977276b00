// A shared library that is not an ember plugin (no EMBER_PLUGIN entry
// points), for tests/core/plugin_test.cpp.
extern "C" __attribute__((visibility("default"))) int not_an_ember_plugin() { return 42; }
