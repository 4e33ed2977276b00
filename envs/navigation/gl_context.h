// File: envs/navigation/gl_context.h
//
// An offscreen OpenGL context for MuJoCo's renderer, from the GL backend
// chosen at build time (CMake option EMBER_NAV_GL): "osmesa" (default; Mesa's
// software rasteriser, no display) or "egl" (EGL surfaceless through Mesa; on
// a machine with a GPU driver, the same code renders on the GPU). MuJoCo
// renders only when the executable links exactly one GL backend, hence a build
// option rather than a run-time switch. MuJoCo draws into its own offscreen
// framebuffer, so the context needs no window or surface of its own.
//
// Example:
//   GlContext context(64, 64);
//   context.make_current();   // ... mjr_makeContext, mjr_render ...
//   context.release();
#pragma once

#include <memory>

namespace ember {

class GlContext {
 public:
  // Throws std::runtime_error naming the backend when no context can be made.
  GlContext(int width, int height);
  ~GlContext();
  GlContext(const GlContext&) = delete;
  GlContext& operator=(const GlContext&) = delete;

  // Makes the context current on the calling thread; false on failure.
  bool make_current();
  // Leaves no context current on the calling thread.
  void release();
  // "osmesa" or "egl".
  static const char* backend();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ember
