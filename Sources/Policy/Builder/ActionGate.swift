import JSON
import Risk

/// The declared input that selects a multi-action tool's operations, and the assessed actions it can
/// take. A gate exists only when the tool declares a top-level input whose schema lists the action
/// values (`enum`/`const`, through `$ref`s): anything else (actions read from prose, a selector
/// without an enum, a nested or unnamed one) cannot be told apart by a policy, and the tool is judged
/// as a whole by its category.
struct ActionGate: Sendable {
    /// The selecting input.
    var input: ToolInputs.Input
    /// The assessed actions whose value the input declares.
    var actions: [ActionAssessment]
    /// Declared values the assessment gave no verdict on.
    var unassessed: [String]

    /// The gate of `tool`, or why there is none.
    static func find(_ tool: ToolAssessment, inputs: ToolInputs) -> Result<ActionGate, Refusal> {
        var parameters: [String] = []
        for a in tool.actions where !parameters.contains(a.parameter) { parameters.append(a.parameter) }
        let selectors = inputs.inputs.filter { $0.isTopLevel && !($0.values ?? []).isEmpty }
        for parameter in parameters {
            let actions = tool.actions.filter { $0.parameter == parameter }
            let values = Set(actions.map(\.value))
            // The input the assessment named, else one whose declared values hold every action (an enum
            // behind a `$ref` may have been reported under another name).
            let input = selectors.first { $0.name == parameter && !declared($0).isDisjoint(with: values) }
                ?? selectors.first { declared($0).isSuperset(of: values) }
            guard let input else { continue }
            let strings = declared(input)
            var seen = Set<String>()
            let order = (input.values ?? []).compactMap(\.stringValue).filter { seen.insert($0).inserted }
            return .success(ActionGate(input: input, actions: actions.filter { strings.contains($0.value) },
                                       unassessed: order.filter { !values.contains($0) }))
        }
        let parameter = parameters.first ?? "action"
        if let declared = inputs.topLevel(parameter) {
            return .failure(Refusal(parameter: parameter, declared: declared.values == nil ? .withoutValues : .otherValues))
        }
        return .failure(Refusal(parameter: parameter, declared: .no))
    }

    /// The string values an input declares.
    static func declared(_ input: ToolInputs.Input) -> Set<String> { Set((input.values ?? []).compactMap(\.stringValue)) }

    /// Why a multi-action tool has no gate.
    struct Refusal: Error, Sendable {
        enum Declared: Sendable { case no, withoutValues, otherValues }
        var parameter: String
        var declared: Declared

        /// A note for the policy reader.
        var note: String {
            let name = SchemaConditions.quoted(parameter)
            switch declared {
            case .no:
                return "its actions were read from the description, and the tool declares no input \(name) that selects them: judged as a whole"
            case .withoutValues:
                return "its actions were read from prose; input \(name) declares no list of values, so a policy cannot tell them apart: judged as a whole"
            case .otherValues:
                return "its actions are not among the values input \(name) declares: judged as a whole"
            }
        }
    }
}
