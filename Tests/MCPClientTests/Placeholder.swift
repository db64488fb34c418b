// Tests for the MCPClient module.
