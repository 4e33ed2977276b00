// GlContext on OSMesa (EMBER_NAV_GL=osmesa): Mesa's software rasteriser.
#include <GL/osmesa.h>

#include <stdexcept>
#include <vector>

#include "envs/navigation/gl_context.h"

namespace ember {

struct GlContext::Impl {
  OSMesaContext context = nullptr;
  std::vector<unsigned char> window;  // OSMesa's default framebuffer (MuJoCo draws offscreen)
  int width = 0, height = 0;
};

GlContext::GlContext(int width, int height) : impl_(std::make_unique<Impl>()) {
  impl_->context = OSMesaCreateContextExt(OSMESA_RGBA, 24, 8, 0, nullptr);
  if (!impl_->context) throw std::runtime_error("GL context (osmesa): OSMesaCreateContextExt failed");
  impl_->window.assign(static_cast<size_t>(width) * height * 4, 0);
  impl_->width = width;
  impl_->height = height;
}

GlContext::~GlContext() { OSMesaDestroyContext(impl_->context); }

bool GlContext::make_current() {
  return OSMesaMakeCurrent(impl_->context, impl_->window.data(), GL_UNSIGNED_BYTE, impl_->width, impl_->height);
}

void GlContext::release() { OSMesaMakeCurrent(nullptr, nullptr, GL_UNSIGNED_BYTE, 0, 0); }

const char* GlContext::backend() { return "osmesa"; }

}  // namespace ember
