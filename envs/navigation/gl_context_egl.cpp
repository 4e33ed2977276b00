// GlContext on EGL without a surface (EMBER_NAV_GL=egl): Mesa's surfaceless
// platform (EGL_MESA_platform_surfaceless), or the default display's driver.
#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <stdexcept>
#include <string>

#include "envs/navigation/gl_context.h"

namespace ember {

namespace {
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("GL context (egl): " + what + " (EGL error 0x" + std::to_string(eglGetError()) + ")");
}
}  // namespace

struct GlContext::Impl {
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext context = EGL_NO_CONTEXT;
};

GlContext::GlContext(int, int) : impl_(std::make_unique<Impl>()) {
  auto get_platform_display =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (get_platform_display)
    impl_->display = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (impl_->display == EGL_NO_DISPLAY) impl_->display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  if (impl_->display == EGL_NO_DISPLAY) fail("no display");
  if (!eglInitialize(impl_->display, nullptr, nullptr)) fail("eglInitialize failed");
  const EGLint attributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RED_SIZE,        8, EGL_GREEN_SIZE, 8,
                               EGL_BLUE_SIZE,    8,               EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig config;
  EGLint count = 0;
  if (!eglChooseConfig(impl_->display, attributes, &config, 1, &count) || count < 1) fail("no OpenGL config");
  if (!eglBindAPI(EGL_OPENGL_API)) fail("eglBindAPI(OpenGL) failed");
  impl_->context = eglCreateContext(impl_->display, config, EGL_NO_CONTEXT, nullptr);
  if (impl_->context == EGL_NO_CONTEXT) fail("eglCreateContext failed");
}

GlContext::~GlContext() {
  if (impl_->context != EGL_NO_CONTEXT) eglDestroyContext(impl_->display, impl_->context);
}

bool GlContext::make_current() {
  return eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, impl_->context) == EGL_TRUE;
}

void GlContext::release() { eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT); }

const char* GlContext::backend() { return "egl"; }

}  // namespace ember
