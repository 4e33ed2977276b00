// File: core/plots.h
//
// Learning-curve PNGs drawn by gnuplot from a run's CSV logs. Plotting is a
// convenience: when gnuplot is missing or fails, a warning is returned and
// the run is unaffected.
#pragma once

#include <string>

namespace ember {

// Writes <run_dir>/plots/returns.png (training episodic return) and, when
// eval.csv exists, <run_dir>/plots/eval.png. Returns "" or a warning.
std::string plot_run(const std::string& run_dir, const std::string& title);

}  // namespace ember
