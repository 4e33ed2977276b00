// A library that reports the right plugin ABI but has no register function:
// load_plugin() must name the missing symbol (tests/core/plugin_test.cpp).
#include "core/version.h"

extern "C" __attribute__((visibility("default"))) int ember_plugin_abi() {
  return EMBER_PLUGIN_ABI;
}
extern "C" __attribute__((visibility("default"))) const char* ember_plugin_version() {
  return EMBER_VERSION;
}
