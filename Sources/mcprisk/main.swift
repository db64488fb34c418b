import CLI

await MCPRiskCLI.main()
