// Tests for the Catalogue module.
