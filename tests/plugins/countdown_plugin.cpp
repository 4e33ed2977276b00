// A minimal well-formed env plugin for tests/core/plugin_test.cpp. It
// registers two envs: "plugin-test-countdown" (terminates after `length`
// steps, reward = the action) and "plugin-test-countdown-2" (the same with
// length 2), so that origin marking covers every env a plugin adds.
// Also built with EMBER_PLUGIN_ABI_OVERRIDE as the "other ABI" test plugin.
#include <memory>
#include <stdexcept>
#include <string>

#include "core/env.h"
#include "core/plugin.h"

namespace {

using namespace ember;

class Countdown final : public Env {
 public:
  explicit Countdown(int64_t length) : length_(length) {
    spec_.id = "plugin-test-countdown";
    spec_.observation = {{"obs", Space::box({1}, 0.0f, 1000.0f)}};
    spec_.action = Space::discrete(2);
    spec_.max_episode_steps = 1000;
  }
  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t) override {}
  void reset(const EnvSlot& out) override {
    left_ = length_;
    out.field<float>(0)[0] = static_cast<float>(left_);
  }
  void step(const ActionView& actions, const EnvSlot& out) override {
    const int32_t a = actions.discrete[0];
    if (a != 0 && a != 1)
      throw std::invalid_argument("plugin-test-countdown: agent 0 action " + std::to_string(a) +
                                  " is not in {0, 1}");
    --left_;
    out.field<float>(0)[0] = static_cast<float>(left_);
    out.reward[0] = static_cast<float>(a);
    *out.terminated = left_ <= 0 ? 1 : 0;
  }

 private:
  EnvSpec spec_;
  int64_t length_;
  int64_t left_ = 0;
};

void register_countdown(Registry& registry) {
  registry.add_env({"plugin-test-countdown", "test env: ends after `length` steps",
                    {ParamSpec::integer("length", 3, 1, 100, "steps per episode")},
                    [](const Params& p) -> std::unique_ptr<Env> {
                      return std::make_unique<Countdown>(p.has("length") ? p.get_int("length")
                                                                         : 3);
                    }});
  registry.add_env({"plugin-test-countdown-2", "test env: ends after 2 steps", {},
                    [](const Params&) -> std::unique_ptr<Env> {
                      return std::make_unique<Countdown>(2);
                    }});
}

}  // namespace

EMBER_PLUGIN(register_countdown)
