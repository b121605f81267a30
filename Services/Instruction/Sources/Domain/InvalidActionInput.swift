/// An action's input was refused; the messages are in French, keyed by form field.
struct InvalidActionInput: Error {
    var problems: [String: String]

    init(_ field: String, _ message: String) { problems = [field: message] }
    init(problems: [String: String]) { self.problems = problems }
}
