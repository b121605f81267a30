-- Facts of the door break the office needs from the start: which force operated, and whether the door was armoured
-- (only an identical restoration is paid, so an armoured door changes the expected invoice).
ALTER TABLE claim
    ADD COLUMN operating_force text,
    ADD COLUMN armoured_door boolean;
