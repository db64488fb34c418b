/// Scanner entry points live here.
enum ScannerModule {}
