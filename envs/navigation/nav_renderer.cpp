#include "envs/navigation/nav_renderer.h"

#include <mujoco/mujoco.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "envs/navigation/gl_context.h"

namespace ember {

struct NavRenderer::Impl {
  std::unique_ptr<GlContext> context;
  std::vector<unsigned char> pixels;  // bottom-up rows from mjr_readPixels
  std::vector<float> depth;           // bottom-up, OpenGL's non-linear [0, 1]
  mjrContext con;
  bool con_made = false;
  mjvScene scene;
  bool scene_made = false;
  const mjModel* model = nullptr;
  mjvOption option;
  mjvCamera camera;
};

namespace {

std::once_flag g_llvmpipe_threads;

// Makes `context` current on the calling thread for the lifetime of the scope
// and releases it at the end. A context is therefore current on at most one
// thread at a time, and only while this renderer draws with it: the VectorEnv
// may step an env on another thread after a reset on the main thread, and a
// context left current on a thread it no longer runs on would be flushed by
// that thread's next context switch while another thread draws with it (or
// after it was destroyed).
class CurrentContextScope {
 public:
  explicit CurrentContextScope(GlContext& context) : context_(context) {
    if (!context_.make_current())
      throw std::runtime_error(std::string("NavRenderer: cannot make the ") + GlContext::backend() +
                               " context current");
  }
  ~CurrentContextScope() { context_.release(); }
  CurrentContextScope(const CurrentContextScope&) = delete;
  CurrentContextScope& operator=(const CurrentContextScope&) = delete;

 private:
  GlContext& context_;
};

}  // namespace

const char* NavRenderer::backend() { return GlContext::backend(); }

NavRenderer::NavRenderer(int width, int height) : width_(width), height_(height), impl_(new Impl) {
  if (width < 1 || height < 1) throw std::invalid_argument("NavRenderer: bad frame size");
  std::call_once(g_llvmpipe_threads, [] { setenv("LP_NUM_THREADS", "1", /*overwrite=*/0); });
  impl_->context = std::make_unique<GlContext>(width, height);
  impl_->pixels.assign(static_cast<size_t>(width) * height * 3, 0);
  mjr_defaultContext(&impl_->con);
  mjv_defaultScene(&impl_->scene);
  mjv_defaultOption(&impl_->option);
  impl_->option.geomgroup[3] = 0;  // the agent's own collider
  mjv_defaultCamera(&impl_->camera);
  impl_->camera.type = mjCAMERA_FIXED;
}

NavRenderer::~NavRenderer() {
  if (!impl_->context) return;
  // A destructor must not throw: free the GL objects only if the context can be made current.
  if (impl_->context->make_current()) {
    if (impl_->con_made) mjr_freeContext(&impl_->con);
    impl_->context->release();
  }
  if (impl_->scene_made) mjv_freeScene(&impl_->scene);
}

void NavRenderer::attach(const mjModel_* model) {
  Impl& s = *impl_;
  const CurrentContextScope current(*s.context);
  if (model->vis.global.offwidth < width_ || model->vis.global.offheight < height_)
    throw std::invalid_argument("NavRenderer: the model's offscreen buffer is smaller than the frame");
  if (!s.con_made) {
    mjr_makeContext(model, &s.con, mjFONTSCALE_50);
    s.con_made = true;
    mjr_setBuffer(mjFB_OFFSCREEN, &s.con);
    if (s.con.currentBuffer != mjFB_OFFSCREEN)
      throw std::runtime_error("NavRenderer: the offscreen framebuffer is not available");
  }
  if (s.scene_made) mjv_freeScene(&s.scene);
  mjv_makeScene(model, &s.scene, model->ngeom + 16);
  s.scene_made = true;
  s.scene.flags[mjRND_SHADOW] = 0;
  s.scene.flags[mjRND_REFLECTION] = 0;
  s.scene.flags[mjRND_SKYBOX] = 0;
  s.scene.flags[mjRND_FOG] = 0;
  s.model = model;
}

void NavRenderer::render(const mjModel_* model, mjData_* data, int camera_id, uint8_t* rgb, float* depth) {
  Impl& s = *impl_;
  if (model != s.model) throw std::logic_error("NavRenderer::render: model not attached");
  const CurrentContextScope current(*s.context);
  s.camera.fixedcamid = camera_id;
  mjv_updateScene(model, data, &s.option, nullptr, &s.camera, mjCAT_ALL, &s.scene);
  const mjrRect viewport = {0, 0, width_, height_};
  mjr_setBuffer(mjFB_OFFSCREEN, &s.con);
  mjr_render(viewport, &s.scene, &s.con);
  if (depth) s.depth.resize(static_cast<size_t>(width_) * height_);
  mjr_readPixels(s.pixels.data(), depth ? s.depth.data() : nullptr, viewport, &s.con);
  const size_t row = static_cast<size_t>(width_) * 3;
  for (int y = 0; y < height_; ++y)
    std::memcpy(rgb + row * y, s.pixels.data() + row * (height_ - 1 - y), row);
  if (!depth) return;
  // OpenGL's depth buffer is non-linear in distance: invert the projection
  // with the model's clipping planes (MuJoCo scales them by the extent).
  const double near = model->vis.map.znear * model->stat.extent;
  const double far = model->vis.map.zfar * model->stat.extent;
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x) {
      const double d = s.depth[static_cast<size_t>(height_ - 1 - y) * width_ + x];
      depth[static_cast<size_t>(y) * width_ + x] = static_cast<float>(near / (1.0 - d * (1.0 - near / far)));
    }
}

}  // namespace ember
