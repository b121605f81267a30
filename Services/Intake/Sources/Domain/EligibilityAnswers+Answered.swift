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
    /// The query string that replays these answers (links from the outcome to the claim form).
    var query: String {
        var pairs: [String] = []
        if let relation { pairs.append("statut=\(relation.rawValue)") }
        for (question, answer) in [(EligibilityQuestion.targeted, targeted), (.hosting, hosting), (.insurer, contactedInsurer), (.landlord, contactedLandlord)] {
            if let answer { pairs.append("\(question.rawValue)=\(answer ? "oui" : "non")") }
        }
        return pairs.joined(separator: "&")
    }
}
