// Tests for the Scanner module.
