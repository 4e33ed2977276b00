#include "envs/tabletop/physics_world.h"

#include <btBulletDynamicsCommon.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "envs/tabletop/bowl_shape.h"

namespace ember::tabletop {

void PhysicsConfig::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("tabletop physics: " + what); };
  if (hz < 30 || hz > 10000) fail("hz must lie in [30, 10000], got " + std::to_string(hz));
  if (lift_steps < 1) fail("lift_steps must be >= 1");
  if (!(lift_height > 0 && lift_height < 0.5)) fail("lift_height must lie in (0, 0.5) m");
  if (max_settle_steps < 1) fail("max_settle_steps must be >= 1");
  if (!(settle_speed > 0)) fail("settle_speed must be > 0");
  if (!(release_clearance >= 0 && release_clearance < 0.05)) fail("release_clearance must lie in [0, 0.05) m");
}

namespace {

constexpr double kCollisionMargin = 0.001;  // Bullet's 0.04 m default is as big as a block
constexpr double kTableFriction = 0.5;
constexpr double kBlockFriction = 1.0;      // reference: block lateral friction
constexpr double kBlockRollingFriction = 1e-4;
constexpr double kCarryHeight = 0.32;       // reference: pick/place approach height
constexpr int kTableId = -1;

btTransform to_bt(const Pose& p) {
  return btTransform(btQuaternion(p.qx, p.qy, p.qz, p.qw), btVector3(p.x, p.y, p.z));
}

Pose from_bt(const btTransform& t) {
  const btQuaternion q = t.getRotation();
  const btVector3& o = t.getOrigin();
  return {o.x(), o.y(), o.z(), q.x(), q.y(), q.z(), q.w()};
}

std::unique_ptr<btBoxShape> make_box(double half_x, double half_y, double half_z) {
  auto box = std::make_unique<btBoxShape>(btVector3(half_x, half_y, half_z));
  box->setMargin(kCollisionMargin);
  return box;
}

}  // namespace

struct PhysicsWorld::Impl {
  PhysicsConfig config;
  double dt;

  // Shapes are shared by every episode; the world and bodies are rebuilt.
  btStaticPlaneShape table_shape{btVector3(0, 0, 1), 0};
  std::unique_ptr<btBoxShape> small_block = make_box(kSmallBlock / 2, kSmallBlock / 2, kSmallBlock / 2);
  std::unique_ptr<btBoxShape> big_block = make_box(kBigBlock / 2, kBigBlock / 2, kBigBlock / 2);
  std::vector<std::unique_ptr<btCollisionShape>> bowl_parts;
  btCompoundShape bowl_shape;

  btDefaultCollisionConfiguration collision_config;
  std::unique_ptr<btCollisionDispatcher> dispatcher;
  std::unique_ptr<btDbvtBroadphase> broadphase;
  std::unique_ptr<btSequentialImpulseConstraintSolver> solver;
  std::unique_ptr<btDiscreteDynamicsWorld> world;
  std::vector<std::unique_ptr<btRigidBody>> bodies;  // table first
  std::vector<btRigidBody*> body_of_object;          // null for zones
  std::vector<btRigidBody*> blocks;

  explicit Impl(const PhysicsConfig& c) : config(c), dt(1.0 / c.hz) {
    // Several contact points per pair from the first frame on: a block
    // resting on a bowl's round floor otherwise rocks on one point at a time
    // and never comes to rest.
    collision_config.setConvexConvexMultipointIterations(3, 3);
    collision_config.setPlaneConvexMultipointIterations(3, 3);
    build_bowl_shape();
  }

  ~Impl() { clear(); }

  void build_bowl_shape() {
    auto floor = std::make_unique<btCylinderShapeZ>(
        btVector3(bowl::kInnerRadius, bowl::kInnerRadius, bowl::kFloorThickness / 2));
    floor->setMargin(kCollisionMargin);
    bowl_shape.addChildShape(btTransform(btQuaternion::getIdentity(), btVector3(0, 0, bowl::kFloorThickness / 2)),
                             floor.get());
    bowl_parts.push_back(std::move(floor));
    // Wall segments: chords of the outer circle, thick enough to reach the inner one.
    const double half_angle = M_PI / bowl::kWallSegments;
    const double half_length = bowl::kOuterRadius * std::tan(half_angle);
    const double half_thickness = (bowl::kOuterRadius - bowl::kInnerRadius) / 2;
    const double mid_radius = (bowl::kOuterRadius + bowl::kInnerRadius) / 2;
    for (int i = 0; i < bowl::kWallSegments; ++i) {
      const double angle = 2 * half_angle * i;
      auto wall = make_box(half_thickness, half_length, bowl::kHeight / 2);
      btTransform local(btQuaternion(btVector3(0, 0, 1), angle),
                        btVector3(mid_radius * std::cos(angle), mid_radius * std::sin(angle), bowl::kHeight / 2));
      bowl_shape.addChildShape(local, wall.get());
      bowl_parts.push_back(std::move(wall));
    }
  }

  void clear() {
    if (world)
      for (auto& body : bodies) world->removeRigidBody(body.get());
    bodies.clear();
    body_of_object.clear();
    blocks.clear();
    world.reset();
    solver.reset();
    broadphase.reset();
    dispatcher.reset();
  }

  btRigidBody* add_body(btCollisionShape* shape, double mass, const btTransform& pose, int object_id, double friction) {
    btVector3 inertia(0, 0, 0);
    if (mass > 0) shape->calculateLocalInertia(mass, inertia);
    btRigidBody::btRigidBodyConstructionInfo info(mass, nullptr, shape, inertia);
    info.m_startWorldTransform = pose;
    info.m_friction = friction;
    auto body = std::make_unique<btRigidBody>(info);
    body->setUserIndex(object_id);
    world->addRigidBody(body.get());
    bodies.push_back(std::move(body));
    return bodies.back().get();
  }

  void build(const Scene& scene) {
    clear();
    dispatcher = std::make_unique<btCollisionDispatcher>(&collision_config);
    broadphase = std::make_unique<btDbvtBroadphase>();
    solver = std::make_unique<btSequentialImpulseConstraintSolver>();
    world = std::make_unique<btDiscreteDynamicsWorld>(dispatcher.get(), broadphase.get(), solver.get(),
                                                      &collision_config);
    world->setGravity(btVector3(0, 0, -9.8));
    add_body(&table_shape, 0.0, btTransform::getIdentity(), kTableId, kTableFriction);
    for (int id = 0; id < scene.size(); ++id) {
      const SceneObject& object = scene.objects[static_cast<size_t>(id)];
      btRigidBody* body = nullptr;
      switch (object.kind) {
        case ObjectKind::kBlock: {
          btBoxShape* shape = object.is_big() ? big_block.get() : small_block.get();
          body = add_body(shape, kBlockMass, to_bt(object.pose), id, kBlockFriction);
          body->setRollingFriction(kBlockRollingFriction);
          blocks.push_back(body);
          break;
        }
        case ObjectKind::kBowl:
          body = add_body(&bowl_shape, 0.0, to_bt(object.pose), id, kTableFriction);
          break;
        case ObjectKind::kZone:
          break;  // visual and scoring only
      }
      body_of_object.push_back(body);
    }
  }

  const btCollisionObject* first_hit_below(double x, double y) const {
    const btVector3 from(x, y, 1.0), to(x, y, -0.01);
    btCollisionWorld::ClosestRayResultCallback hit(from, to);
    world->rayTest(from, to, hit);
    return hit.hasHit() ? hit.m_collisionObject : nullptr;
  }

  bool still() const {
    for (const btRigidBody* block : blocks)
      if (!block->isStaticOrKinematicObject() && block->getLinearVelocity().length() >= config.settle_speed)
        return false;
    return true;
  }

  int settle() {
    for (int step = 1; step <= config.max_settle_steps; ++step) {
      world->stepSimulation(dt, 0);
      if (still()) return step;
    }
    return config.max_settle_steps;
  }

  // Switches a block between dynamic and kinematic (held). Bullet chooses a
  // body's collision group when it is added, so it is (re-)added here.
  void set_held(btRigidBody* block, bool held) {
    world->removeRigidBody(block);  // a no-op while it is out of the world
    if (held) {
      block->setCollisionFlags(block->getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
      block->setMassProps(0.0, btVector3(0, 0, 0));
      block->setActivationState(DISABLE_DEACTIVATION);
    } else {
      block->setCollisionFlags(block->getCollisionFlags() & ~btCollisionObject::CF_KINEMATIC_OBJECT);
      btVector3 inertia;
      block->getCollisionShape()->calculateLocalInertia(kBlockMass, inertia);
      block->setMassProps(kBlockMass, inertia);
      block->forceActivationState(ACTIVE_TAG);
      block->setDeactivationTime(0);
    }
    block->setLinearVelocity(btVector3(0, 0, 0));
    block->setAngularVelocity(btVector3(0, 0, 0));
    block->updateInertiaTensor();
    world->addRigidBody(block);
  }

  PrimitiveResult pick_and_place(const PickPlace& a) {
    PrimitiveResult result;
    const btCollisionObject* touched = first_hit_below(a.pick_x, a.pick_y);
    if (!touched) return result;
    const int id = touched->getUserIndex();
    btRigidBody* block = id >= 0 ? body_of_object[static_cast<size_t>(id)] : nullptr;
    if (!block || block->isStaticObject()) return result;  // table or bowl: suction holds nothing
    result.grasped = true;
    result.picked = id;

    // The tip touches the block's top at the pick point; the block keeps its
    // pose relative to the tip from here on.
    const btTransform block_pose = block->getWorldTransform();
    const btVector3 pick_tip(a.pick_x, a.pick_y, block_pose.getOrigin().z());
    set_held(block, true);
    for (int step = 1; step <= config.lift_steps; ++step) {
      btTransform lifted = block_pose;
      lifted.getOrigin() += btVector3(0, 0, config.lift_height * step / config.lift_steps);
      block->setWorldTransform(lifted);
      world->stepSimulation(dt, 0);
    }
    result.physics_steps += config.lift_steps;

    // Carry: out of the world while it moves, so its own sweep ignores it.
    world->removeRigidBody(block);
    const btQuaternion turn(btVector3(0, 0, 1), a.place_yaw - a.pick_yaw);
    btVector3 offset = quatRotate(turn, block_pose.getOrigin() - pick_tip);
    btTransform carried(turn * block_pose.getRotation(),
                        btVector3(a.place_x, a.place_y, kCarryHeight) + btVector3(offset.x(), offset.y(), 0));
    btTransform lowest = carried;
    lowest.getOrigin().setZ(-0.05);
    btCollisionWorld::ClosestConvexResultCallback contact(carried.getOrigin(), lowest.getOrigin());
    world->convexSweepTest(static_cast<btConvexShape*>(block->getCollisionShape()), carried, lowest, contact);
    btTransform released = carried;
    const double fraction = contact.hasHit() ? contact.m_closestHitFraction : 1.0;
    released.getOrigin() = carried.getOrigin().lerp(lowest.getOrigin(), fraction) +
                           btVector3(0, 0, config.release_clearance);
    block->setWorldTransform(released);
    block->setInterpolationWorldTransform(released);
    set_held(block, false);  // re-adds it to the world, dynamic and at rest

    const int steps = settle();
    result.physics_steps += steps;
    result.settled = still();
    return result;
  }
};

PhysicsWorld::PhysicsWorld(const PhysicsConfig& config) {
  config.validate();
  impl_ = std::make_unique<Impl>(config);
}
PhysicsWorld::~PhysicsWorld() = default;

void PhysicsWorld::build(const Scene& scene) { impl_->build(scene); }

PrimitiveResult PhysicsWorld::pick_and_place(const PickPlace& action) { return impl_->pick_and_place(action); }

int PhysicsWorld::settle() { return impl_->settle(); }

void PhysicsWorld::read_poses(Scene& scene) const {
  for (int id = 0; id < scene.size(); ++id) {
    const btRigidBody* body = impl_->body_of_object[static_cast<size_t>(id)];
    if (body && !body->isStaticObject()) scene.objects[static_cast<size_t>(id)].pose = from_bt(body->getWorldTransform());
  }
}

int PhysicsWorld::object_below(double x, double y) const {
  const btCollisionObject* hit = impl_->first_hit_below(x, y);
  return hit ? hit->getUserIndex() : kTableId;
}

}  // namespace ember::tabletop
