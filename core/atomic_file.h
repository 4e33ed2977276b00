// File: core/atomic_file.h
//
// Writes a file so that readers (and a process killed mid-write) only ever
// see the old content or the complete new content: write to a temporary
// name in the same directory, fsync, rename over the target, fsync the
// directory. Used for checkpoints, configs and result files.
//
// Example:
//   write_file_atomic("runs/a/checkpoints/latest.ckpt", bytes);
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace ember {

// Throws std::runtime_error naming the path and the OS error on failure; the
// temporary file is removed then, so nothing half-written is left behind.
void write_file_atomic(const std::string& path, const std::string& content);
// The same, with the content streamed by `write` straight into the temporary
// file (seekable), so large content is never held in memory. An exception
// thrown by `write` removes the temporary file and propagates.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

// Reads a whole file; throws std::runtime_error naming the path on failure.
std::string read_file(const std::string& path);

}  // namespace ember
