#include "core/plugin.h"

#include <dlfcn.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace ember {
namespace {

namespace fs = std::filesystem;

using AbiFunction = int (*)();
using VersionFunction = const char* (*)();
using RegisterFunction = void (*)(Registry&);

constexpr const char* kHowToDefine =
    "a plugin's .cpp must use EMBER_PLUGIN(register_function) from core/plugin.h";

std::string quoted(const std::string& path) { return "plugin '" + path + "'"; }

// dlsym that tells "absent" apart from a symbol whose value is null.
void* find_symbol(void* handle, const char* name) {
  dlerror();
  void* symbol = dlsym(handle, name);
  return dlerror() == nullptr ? symbol : nullptr;
}

// Closes a library we refuse. Nothing of it was called except its static
// initialisers, so nothing can point into it yet.
class HandleGuard {
 public:
  explicit HandleGuard(void* handle) : handle_(handle) {}
  ~HandleGuard() {
    if (handle_) dlclose(handle_);
  }
  void release() { handle_ = nullptr; }

 private:
  void* handle_;
};

std::mutex& load_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

void load_plugin(const std::string& path, Registry& registry) {
  std::lock_guard<std::mutex> lock(load_mutex());

  if (path.empty()) throw PluginError("plugin path is empty");
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec || !fs::exists(absolute, ec))
    throw PluginError(quoted(path) + " not found (no file at " + absolute.string() + ")");
  if (!fs::is_regular_file(absolute, ec))
    throw PluginError(quoted(path) + " is not a regular file (" + absolute.string() + ")");
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  if (ec) canonical = absolute.lexically_normal();
  const std::string key = canonical.string();

  const std::vector<std::string>& loaded = registry.plugins();
  if (std::find(loaded.begin(), loaded.end(), key) != loaded.end()) return;

  // An absolute path, so dlopen never searches LD_LIBRARY_PATH for it.
  void* handle = dlopen(key.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* reason = dlerror();
    std::string message =
        quoted(path) + " could not be loaded: " + (reason ? reason : "unknown dlopen error");
    if (message.find("undefined symbol") != std::string::npos)
      message += " (was it built against another ember version? rebuild it against ember " +
                 std::string(EMBER_VERSION) + ")";
    throw PluginError(message);
  }
  HandleGuard guard(handle);

  auto abi_fn = reinterpret_cast<AbiFunction>(find_symbol(handle, "ember_plugin_abi"));
  auto version_fn = reinterpret_cast<VersionFunction>(find_symbol(handle, "ember_plugin_version"));
  auto register_fn =
      reinterpret_cast<RegisterFunction>(find_symbol(handle, "ember_plugin_register"));
  std::vector<std::string> missing;
  if (!abi_fn) missing.push_back("ember_plugin_abi");
  if (!version_fn) missing.push_back("ember_plugin_version");
  // A plugin of another ABI may lack ember_plugin_register; let the ABI check report that.
  if (!missing.empty() || (!register_fn && abi_fn && abi_fn() == EMBER_PLUGIN_ABI)) {
    if (!register_fn) missing.push_back("ember_plugin_register");
    std::string names;
    for (const std::string& name : missing) names += (names.empty() ? "" : ", ") + name;
    throw PluginError(quoted(path) + " is not an ember plugin: it does not define " + names + " (" +
                      kHowToDefine + ")");
  }

  const int plugin_abi = abi_fn();
  const char* plugin_version = version_fn();
  const std::string version = plugin_version ? plugin_version : "<unknown>";
  if (plugin_abi != EMBER_PLUGIN_ABI)
    throw PluginError(quoted(path) + " was built against ember " + version + " (plugin ABI " +
                      std::to_string(plugin_abi) + ") but this is ember " + EMBER_VERSION +
                      " (plugin ABI " + std::to_string(EMBER_PLUGIN_ABI) +
                      "): rebuild it against this version");

  // From here on the plugin's code may own objects in the registry: keep it
  // loaded for the life of the process, even when registering fails midway.
  guard.release();

  const std::vector<std::string> before = registry.env_ids();
  const std::set<std::string> existing(before.begin(), before.end());
  std::string failure;
  try {
    register_fn(registry);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "an unknown exception";
  }
  for (const std::string& id : registry.env_ids())
    if (!existing.count(id)) registry.set_env_origin(id, path);
  if (!failure.empty())
    throw PluginError(quoted(path) + " (ember " + version + ") failed to register: " + failure);
  registry.add_plugin(key);
}

}  // namespace ember
