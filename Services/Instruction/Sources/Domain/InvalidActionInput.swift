/// An action's input was refused; the messages are in French, keyed by form field.
struct InvalidActionInput: Error {
    var problems: [String: String]

    init(_ field: String, _ message: String) { problems = [field: message] }
    init(problems: [String: String]) { self.problems = problems }
}

/// The action cannot apply to this claim whatever the input (a question to investigators on a claim no declaration
/// started); the message, in French, is shown above the claim.
struct ActionUnavailable: Error {
    var message: String
}
