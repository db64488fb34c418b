import CLI
CommandLine.run()
