// File: envs/navigation/nav_renderer.h
//
// Egocentric RGB (and depth) frames from MuJoCo's own renderer in an
// offscreen OpenGL context (gl_context.h: OSMesa or surfaceless EGL, chosen at
// build time; both run on Mesa's llvmpipe without a display or GPU). One renderer per
// env; its context is made current on whichever thread calls render() (the
// VectorEnv steps an env always on the same thread), so several renderers
// can live in one process.
//
// Shadows, reflections, skybox and multisampling are off (10-30x cheaper on
// software GL, reference/codebook_objectnav.md §7.3). The first render context
// is built from the first model and reused for later models: house models
// carry no textures, meshes or skins, the only model-dependent content of an
// mjrContext, and every model has the same offscreen size.
//
// llvmpipe's own thread pool is slower than one thread at these sizes; unless
// LP_NUM_THREADS is already set, the first renderer sets it to 1.
//
// Example:
//   NavRenderer renderer(64, 64);
//   renderer.attach(model);                          // after each new house
//   renderer.render(model, data, camera_id, rgb);   // rgb: 64*64*3 bytes, top row first
#pragma once

#include <cstdint>
#include <memory>

struct mjModel_;
struct mjData_;

namespace ember {

class NavRenderer {
 public:
  // Creates the GL context; throws std::runtime_error when it cannot.
  NavRenderer(int width, int height);
  ~NavRenderer();
  NavRenderer(const NavRenderer&) = delete;
  NavRenderer& operator=(const NavRenderer&) = delete;

  // Prepares the scene for `model` (call after every model change, before
  // render()). The GL context is made current on the calling thread.
  void attach(const mjModel_* model);

  // Renders camera `camera_id` of the attached `model` in the state of `data` (positions
  // must be current: mj_kinematics + mj_camlight, or mj_forward) into `rgb`
  // (height * width * 3 bytes, rows top to bottom). The model's offscreen
  // size must be at least width x height.
  // With `depth` (height * width floats, rows top to bottom) also writes the
  // metric depth along the view axis (m; the far plane where nothing is hit).
  void render(const mjModel_* model, mjData_* data, int camera_id, uint8_t* rgb, float* depth = nullptr);

  int width() const { return width_; }
  int height() const { return height_; }
  // "osmesa" or "egl" (the build's EMBER_NAV_GL).
  static const char* backend();

 private:
  struct Impl;
  int width_, height_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ember
