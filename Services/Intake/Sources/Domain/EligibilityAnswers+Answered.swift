extension EligibilityAnswers {
    /// Whether `question` has a valid answer.
    func isAnswered(_ question: EligibilityQuestion) -> Bool {
        switch question {
        case .relation: relation != nil
        case .targeted: targeted != nil
        case .hosting: hosting != nil
        case .insurer: contactedInsurer != nil
        case .landlord: contactedLandlord != nil
        }
    }
}

extension EligibilityAnswers {
    /// The answers as form fields, in the order the test asks them.
    var fields: [(name: String, value: String)] {
        var fields: [(String, String)] = []
        if let relation { fields.append((EligibilityQuestion.relation.rawValue, relation.rawValue)) }
        let yesNo: [(EligibilityQuestion, Bool?)] = [
            (.targeted, targeted), (.hosting, hosting), (.insurer, contactedInsurer), (.landlord, contactedLandlord),
        ]
        for case let (question, answer?) in yesNo { fields.append((question.rawValue, answer ? "oui" : "non")) }
        return fields
    }

    /// The query string that replays these answers (links from the outcome to the claim form).
    var query: String { fields.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
}
