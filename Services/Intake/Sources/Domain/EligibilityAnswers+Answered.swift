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
