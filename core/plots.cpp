#include "core/plots.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace ember {

namespace {
bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }
}  // namespace

std::string plot_run(const std::string& run_dir, const std::string& title) {
  const std::string plots = run_dir + "/plots";
  ::mkdir(plots.c_str(), 0755);
  const std::string script_path = plots + "/plots.gp";
  std::ofstream gp(script_path);
  gp << "# regenerate with: gnuplot " << script_path << "\n"
     << "set terminal pngcairo size 900,540 noenhanced font 'sans,11'\n"
     << "set datafile separator ','\n"
     << "set key autotitle columnhead bottom right\n"
     << "set grid\n"
     << "set xlabel 'environment steps'\n";
  const std::string metrics = run_dir + "/metrics.csv";
  if (exists(metrics)) {
    gp << "set output " << quoted(plots + "/returns.png") << "\n"
       << "set title " << quoted(title + ": training episodic return") << "\n"
       << "set ylabel 'return'\n"
       << "plot " << quoted(metrics)
       << " using 'step':'charts/episodic_return' with linespoints pt 7 ps 0.4 title 'train return'\n";
  }
  const std::string eval = run_dir + "/eval.csv";
  if (exists(eval)) {
    gp << "set output " << quoted(plots + "/eval.png") << "\n"
       << "set title " << quoted(title + ": evaluation return (mean, 95% bootstrap CI)") << "\n"
       << "set ylabel 'return'\n"
       << "plot " << quoted(eval) << " using 'step':'eval/return_mean':'eval/return_ci_low':'eval/return_ci_high'"
       << " with yerrorlines pt 7 ps 0.6 title 'eval return'\n";
  }
  gp.close();
  const std::string command = "gnuplot " + quoted(script_path) + " 2>" + quoted(plots + "/gnuplot.log");
  if (std::system(command.c_str()) != 0)
    return "could not draw plots (is gnuplot installed? see " + plots + "/gnuplot.log)";
  std::remove((plots + "/gnuplot.log").c_str());
  return "";
}

}  // namespace ember
