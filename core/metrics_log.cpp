#include "core/metrics_log.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "core/atomic_file.h"

namespace ember {

namespace {
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "";
  char buf[40];
  // counters (steps, episodes) print as integers, not 3.00032e+06
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buf, sizeof(buf), "%.0f", v);
    return buf;
  }
  // shortest form that reads back to the same double
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  std::string s(buf);
  for (int precision = 6; precision < 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) return buf;
  }
  return s;
}
}  // namespace

MetricsLog::MetricsLog(std::string path, int64_t resume_after_step) : path_(std::move(path)) {
  if (resume_after_step >= 0) {
    std::ifstream in(path_);
    std::string line, kept;
    if (std::getline(in, line)) {
      columns_ = split_csv_line(line);
      kept = line + "\n";
      while (std::getline(in, line)) {
        const auto cells = split_csv_line(line);
        if (cells.empty() || cells[0].empty()) continue;
        // stod, not stoll: logs written by older builds hold steps like 1.25e+06
        if (std::stod(cells[0]) > static_cast<double>(resume_after_step)) break;
        kept += line + "\n";
      }
    }
    write_file_atomic(path_, kept);
  }
  out_.open(path_, std::ios::app);
  if (!out_) throw std::runtime_error("cannot open '" + path_ + "' for writing");
}

void MetricsLog::write(const Row& row) {
  if (columns_.empty()) {
    for (const auto& kv : row) columns_.push_back(kv.first);
    for (size_t i = 0; i < columns_.size(); ++i) out_ << (i ? "," : "") << columns_[i];
    out_ << "\n";
  }
  std::vector<std::string> cells(columns_.size());
  for (const auto& kv : row) {
    size_t c = 0;
    while (c < columns_.size() && columns_[c] != kv.first) ++c;
    if (c == columns_.size())
      throw std::logic_error("metric '" + kv.first + "' is not a column of " + path_);
    cells[c] = format_value(kv.second);
  }
  for (size_t i = 0; i < cells.size(); ++i) out_ << (i ? "," : "") << cells[i];
  out_ << "\n";
  out_.flush();
}

}  // namespace ember
