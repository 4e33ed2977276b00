#include "agents/scripted/random_agent.h"

#include <istream>
#include <ostream>
#include <sstream>

#include "core/binary_io.h"
#include "core/registry.h"

namespace ember {
namespace {

class RandomAgent : public Agent {
 public:
  explicit RandomAgent(const AgentContext& ctx)
      : behaviour_(ctx.spec, derive_seed(ctx.seed, "random")),
        greedy_(ctx.spec, derive_seed(ctx.seed, "random/eval")) {}
  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 128; }
  Metrics update(const TrainProgress&) override { return {}; }
  void save(std::ostream& out) const override { write_string(out, "random/1"); }
  void load(std::istream& in) override {
    if (read_string(in) != "random/1") throw std::runtime_error("not a random-agent checkpoint");
  }

 private:
  RandomPolicy behaviour_, greedy_;
};

}  // namespace

std::unique_ptr<Agent> make_random_agent(const AgentContext& context) {
  return std::make_unique<RandomAgent>(context);
}

void register_random_agent(Registry& registry) {
  registry.add_agent({"random", "uniformly random (legal) actions; a baseline that does not learn",
                      {}, make_random_agent, {}});
}

}  // namespace ember
