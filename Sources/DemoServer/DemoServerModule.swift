/// The demo server lives here.
enum DemoServerModule {}
