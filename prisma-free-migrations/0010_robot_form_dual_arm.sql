-- The contract's robot forms now include dual_arm (two-armed manipulators that are not humanoid),
-- which until now had to be filed as "other".
ALTER TABLE robots
  DROP CONSTRAINT robots_form_check,
  ADD CONSTRAINT robots_form_check CHECK (
    form IN ('humanoid', 'wheeled_humanoid', 'quadruped', 'mobile_manipulator', 'dual_arm', 'robot_arm', 'amr', 'service', 'other')
  );
