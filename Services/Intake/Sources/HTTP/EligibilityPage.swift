/// View model of the eligibility test page: answered questions, the next question or the outcome.
/// Stored properties only (Mustache reads them by reflection).
struct EligibilityPage {
    /// One radio choice of the current question.
    struct Choice {
        var value: String
        var label: String
        var id: String
    }

    /// An answer already given, with a link that asks the question again (and drops the later answers).
    struct Answered {
        var question: String
        var answer: String
        var changeLink: String
    }

    /// A previous answer carried in a hidden field.
    struct Hidden {
        var name: String
        var value: String
    }

    let title = "Tester mon éligibilité"
    let site = "Mon Indemnisation Justice"
    let homePath = "/"
    var answered: [Answered]
    var hasAnswered: Bool
    var question: String?
    var questionName: String
    var hint: String?
    var choices: [Choice]
    var hidden: [Hidden]
    var result: EligibilityResult?

    init(answers: EligibilityAnswers, query: [String: String]) {
        let asked = EligibilityQuestion.allCases.filter(answers.isAnswered)
        answered = asked.enumerated().map { index, question in
            let kept = asked.prefix(index).map { "\($0.rawValue)=\(query[$0.rawValue] ?? "")" }.joined(separator: "&")
            return Answered(
                question: EligibilityWording.question(question, relation: answers.relation),
                answer: EligibilityWording.answer(question, query[question.rawValue] ?? ""),
                changeLink: "/eligibilite" + (kept.isEmpty ? "" : "?\(kept)")
            )
        }
        hasAnswered = !answered.isEmpty
        hidden = asked.map { Hidden(name: $0.rawValue, value: query[$0.rawValue] ?? "") }
        let next = answers.nextQuestion
        question = next.map { EligibilityWording.question($0, relation: answers.relation) }
        questionName = next?.rawValue ?? ""
        hint = next.flatMap { EligibilityWording.hint($0, relation: answers.relation) }
        choices =
            next.map { question in
                EligibilityWording.choices(question).map {
                    Choice(value: $0.value, label: $0.label, id: "\(question.rawValue)-\($0.value)")
                }
            } ?? []
        result = answers.outcome.map {
            EligibilityResult(
                outcome: $0,
                relation: answers.relation ?? .ownerOccupier,
                fileLink: "/demandes/nouvelle?\(answers.query)"
            )
        }
    }
}

/// The outcome as shown: plain French, the legal reason, what to do next, the documents to gather.
struct EligibilityResult {
    var eligible: Bool
    var heading: String
    var explanation: [String]
    var nextSteps: [String]
    var hasNextSteps: Bool
    var documents: [String]
    var fileLabel: String
    /// The claim form, carrying the answers so the claim records them.
    var fileLink: String

    init(outcome: EligibilityOutcome, relation: DwellingRelation, fileLink: String) {
        self.fileLink = fileLink
        documents = DocumentType.required(for: relation, fromPoliceDeclaration: false).map(\.label)
        switch outcome {
        case .eligible(let missing):
            eligible = true
            heading = "Vous pouvez demander une indemnisation"
            explanation = [
                "Votre porte a été endommagée lors d’une opération qui ne vous visait pas : l’État peut réparer ce dommage "
                    + "sans faute de sa part, au titre de la rupture d’égalité devant les charges publiques.",
                "Seule la remise en état à l’identique de la porte est indemnisée, et un même dommage ne peut pas être "
                    + "indemnisé deux fois.",
            ]
            nextSteps = missing.map(EligibilityWording.advice)
            fileLabel = "Déposer ma demande"
        case .ineligible(let reason):
            eligible = false
            heading = "Votre situation ne relève pas de cette indemnisation"
            explanation = EligibilityWording.explanation(reason, relation: relation)
            nextSteps = EligibilityWording.alternatives(reason)
            fileLabel = "Déposer une demande malgré tout"
        }
        hasNextSteps = !nextSteps.isEmpty
    }
}
