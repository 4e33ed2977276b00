// The recurrent agent network's fused sequence path must compute exactly
// what stepping its GRUCell does (acting uses the cell, training the sequence).

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "models/agent_q_network.h"
#include "models/init.h"

namespace ember {
namespace {

// forward_sequence over T steps equals T calls of forward() from a zero state.
TEST(AgentQNetwork, SequenceMatchesStepwiseGru) {
  AgentQNetwork net(5, 16, 4, /*recurrent=*/true);
  at::Generator gen = make_generator(3);
  default_init_(*net, gen);
  const int64_t T = 7, rows = 3;
  auto x = torch::empty({T, rows, 5}).normal_(0, 1, gen);
  auto sequence = net->forward_sequence(x);
  auto h = torch::zeros({rows, 16});
  for (int64_t t = 0; t < T; ++t) {
    auto out = net->forward(x[t], h);
    h = out.second;
    EXPECT_TRUE(torch::allclose(out.first, sequence[t], 1e-5, 1e-6)) << "step " << t;
  }
}

// The segmented sequence (resets part-way, a non-zero initial state) equals
// the step-wise GRU that zeroes the state where an episode starts.
TEST(AgentQNetwork, SequenceWithResetsMatchesStepwiseGru) {
  AgentQNetwork net(5, 16, 4, /*recurrent=*/true);
  at::Generator gen = make_generator(4);
  default_init_(*net, gen);
  const int64_t T = 9, rows = 3;
  auto x = torch::empty({T, rows, 5}).normal_(0, 1, gen);
  auto h0 = torch::empty({rows, 16}).normal_(0, 1, gen);
  auto starts = torch::zeros({T, rows}, torch::kBool);
  starts[3][0] = true;  // row 0 starts a new episode at step 3
  starts[4][2] = true;  // row 2 at steps 4 and 5
  starts[5][2] = true;
  starts[0][1] = true;  // row 1 at step 0: h0 is not used
  auto sequence = net->forward_sequence(x, h0, starts);
  auto h = h0.clone();
  for (int64_t t = 0; t < T; ++t) {
    h = h * (1 - starts[t].to(torch::kFloat)).unsqueeze(1);
    auto out = net->forward(x[t], h);
    h = out.second;
    EXPECT_TRUE(torch::allclose(out.first, sequence[t], 1e-5, 1e-6)) << "step " << t;
  }
}

// Two networks initialised from the same seed are identical (no global RNG).
TEST(AgentQNetwork, InitialisationFollowsTheGivenGenerator) {
  AgentQNetwork a(5, 8, 3, true), b(5, 8, 3, true);
  at::Generator ga = make_generator(9), gb = make_generator(9);
  default_init_(*a, ga);
  default_init_(*b, gb);
  auto pa = a->parameters(), pb = b->parameters();
  ASSERT_EQ(pa.size(), pb.size());
  for (size_t i = 0; i < pa.size(); ++i) EXPECT_TRUE(torch::equal(pa[i], pb[i]));
}

}  // namespace
}  // namespace ember
