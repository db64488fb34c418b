/// The demo server's prompts, resources, resource templates and instructions.
enum DemoExtras {
    static let instructions = """
        Acme Ops: customer, billing and infrastructure operations for the Acme support team. \
        Prefer read tools; ask a human before refunds, deletions or production deploys.
        """

    static let prompts = #"""
[
  {"name": "incident_report", "title": "Write an incident report",
   "description": "Draft an incident report from a service's recent events and metrics.",
   "arguments": [{"name": "service", "description": "The affected service", "required": true},
                 {"name": "since", "description": "Start of the incident window (ISO 8601)"}]},
  {"name": "customer_summary", "description": "Summarise a customer's account, tickets and invoices.",
   "arguments": [{"name": "customer_id", "required": true}]}
]
"""#

    static let resources = #"""
[
  {"uri": "docs://runbooks/deploys", "name": "Deploy runbook", "mimeType": "text/markdown",
   "description": "How production deploys are approved and rolled back."},
  {"uri": "docs://runbooks/refunds", "name": "Refund policy", "mimeType": "text/markdown",
   "description": "When support may refund a charge and up to what amount."},
  {"uri": "file:///workspace/README.md", "name": "Workspace README", "mimeType": "text/markdown", "size": 2048}
]
"""#

    static let resourceTemplates = #"""
[
  {"uriTemplate": "customers://{customer_id}", "name": "Customer record", "mimeType": "application/json",
   "description": "A customer's record by id."}
]
"""#
}
