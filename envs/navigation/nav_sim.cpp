#include "envs/navigation/nav_sim.h"

#include <mujoco/mujoco.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace ember {

namespace {

constexpr const char* kXmlName = "house.xml";

int require_id(const mjModel* m, int type, const char* name) {
  const int id = mj_name2id(m, type, name);
  if (id < 0) throw std::runtime_error(std::string("NavSim: the house model has no '") + name + "'");
  return id;
}

}  // namespace

NavSim::NavSim() = default;

NavSim::~NavSim() { free_model(); }

void NavSim::free_model() {
  if (data_) mj_deleteData(data_);
  if (model_) mj_deleteModel(model_);
  data_ = nullptr;
  model_ = nullptr;
}

void NavSim::load(const House& house, const MjcfOptions& options) {
  const std::string xml = to_mjcf(house, options);
  // mjVFS is ~2 MB (mjMAXVFS names of mjMAXVFSNAME bytes): never on the stack.
  auto vfs = std::make_unique<mjVFS>();
  mj_defaultVFS(vfs.get());
  if (mj_makeEmptyFileVFS(vfs.get(), kXmlName, static_cast<int>(xml.size())) != 0)
    throw std::runtime_error("NavSim: cannot create the in-memory MJCF file");
  const int f = mj_findFileVFS(vfs.get(), kXmlName);
  std::memcpy(vfs->filedata[f], xml.data(), xml.size());
  char error[1024] = {0};
  mjModel* m = mj_loadXML(kXmlName, vfs.get(), error, sizeof error);
  mj_deleteVFS(vfs.get());
  if (!m) throw std::runtime_error(std::string("NavSim: MuJoCo could not load the house MJCF: ") + error);
  free_model();
  model_ = m;
  data_ = mj_makeData(m);
  camera_id_ = require_id(m, mjOBJ_CAMERA, kCameraName);
  agent_body_ = require_id(m, mjOBJ_BODY, kAgentBodyName);
  agent_geom_ = require_id(m, mjOBJ_GEOM, kAgentGeomName);
  const char* joints[4] = {"agent_x", "agent_y", "agent_yaw", "agent_pitch"};
  for (int k = 0; k < 4; ++k) qpos_adr_[k] = m->jnt_qposadr[require_id(m, mjOBJ_JOINT, joints[k])];
  objects_ = house.objects;
  object_geom_.resize(objects_.size());
  for (size_t i = 0; i < objects_.size(); ++i)
    object_geom_[i] = require_id(m, mjOBJ_GEOM, object_geom_name(house, static_cast<int>(i)).c_str());
  pose_ = AgentPose{};
  write_qpos();
  mj_fwdPosition(model_, data_);
}

void NavSim::write_qpos() {
  data_->qpos[qpos_adr_[0]] = pose_.x;
  data_->qpos[qpos_adr_[1]] = pose_.y;
  data_->qpos[qpos_adr_[2]] = pose_.yaw;
  data_->qpos[qpos_adr_[3]] = pose_.pitch;
}

void NavSim::set_pose(const AgentPose& pose) {
  pose_ = pose;
  write_qpos();
  mj_fwdPosition(model_, data_);
}

bool NavSim::in_collision() {
  // data_ holds the collisions of the current pose (every pose change runs mj_fwdPosition).
  for (int c = 0; c < data_->ncon; ++c) {
    const mjContact& con = data_->contact[c];
    if ((con.geom1 == agent_geom_ || con.geom2 == agent_geom_) && con.dist < 0) return true;
  }
  return false;
}

double NavSim::move_ahead(double distance, double substep) {
  const int n = std::max(1, static_cast<int>(std::ceil(distance / substep - 1e-9)));
  const double step = distance / n;
  const double cx = std::cos(pose_.yaw), sy = std::sin(pose_.yaw);
  const AgentPose start = pose_;
  int done = 0;
  for (int k = 1; k <= n; ++k) {
    pose_.x = start.x + cx * step * k;
    pose_.y = start.y + sy * step * k;
    write_qpos();
    mj_fwdPosition(model_, data_);
    if (in_collision()) break;
    done = k;
  }
  if (done < n) {  // undo the colliding substep
    pose_.x = start.x + cx * step * done;
    pose_.y = start.y + sy * step * done;
    write_qpos();
    mj_fwdPosition(model_, data_);
  }
  return step * done;
}

bool NavSim::object_visible(int index, double aspect) const {
  const HouseObject& o = objects_[index];
  const mjtNum* p = data_->cam_xpos + 3 * camera_id_;
  const mjtNum* R = data_->cam_xmat + 9 * camera_id_;
  // Camera axes in world coordinates: columns of R; it looks along -z, y is up.
  const double right[3] = {R[0], R[3], R[6]};
  const double up[3] = {R[1], R[4], R[7]};
  const double fwd[3] = {-R[2], -R[5], -R[8]};
  const double tan_y = std::tan(0.5 * model_->cam_fovy[camera_id_] * M_PI / 180.0);
  const double tan_x = tan_y * aspect;
  const mjtByte groups[mjNGROUP] = {1, 1, 1, 0, 0, 0};  // group 3 holds the agent's collider
  const double f = 0.7;
  const double samples[7][3] = {{0, 0, 0},  {f, 0, 0}, {-f, 0, 0}, {0, f, 0},
                                {0, -f, 0}, {0, 0, f}, {0, 0, -f}};
  for (const auto& s : samples) {
    const mjtNum target[3] = {o.x + s[0] * o.hx, o.y + s[1] * o.hy, o.z + s[2] * o.hz};
    mjtNum v[3] = {target[0] - p[0], target[1] - p[1], target[2] - p[2]};
    const double z = v[0] * fwd[0] + v[1] * fwd[1] + v[2] * fwd[2];
    if (z <= 1e-6) continue;
    const double x = v[0] * right[0] + v[1] * right[1] + v[2] * right[2];
    const double y = v[0] * up[0] + v[1] * up[1] + v[2] * up[2];
    if (std::fabs(x) > tan_x * z || std::fabs(y) > tan_y * z) continue;
    int hit = -1;
    const mjtNum t = mj_ray(model_, data_, p, v, groups, 1, agent_body_, &hit);
    if (hit == object_geom_[index] && t >= 0) return true;
  }
  return false;
}

}  // namespace ember
