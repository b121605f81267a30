import Foundation
import Hummingbird

extension ClaimSearch {
    /// Reads the list's GET form; an invalid value is a 400 with the field named.
    init(query: [String: String], agentId: UUID) throws {
        func value(_ name: String) -> String? {
            query[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if let raw = value("etat") {
            guard let state = ClaimState(rawValue: raw) else {
                throw HTTPError(.badRequest, message: "État inconnu : \(raw).")
            }
            self.state = state
        }
        switch value("attribution") {
        case nil, "tous": assignee = .anyone
        case "moi": assignee = .agent(agentId)
        case "personne": assignee = .unassigned
        case let raw?:
            guard let id = UUID(uuidString: raw) else {
                throw HTTPError(.badRequest, message: "Attribution inconnue : \(raw).")
            }
            assignee = .agent(id)
        }
        if let raw = value("departement") {
            guard raw.count <= 3, raw.allSatisfy({ $0.isNumber || $0 == "A" || $0 == "B" }) else {
                throw HTTPError(
                    .badRequest,
                    message: "Département invalide : indiquez son numéro, par exemple 75 ou 2A."
                )
            }
            department = raw.count == 1 ? "0" + raw : raw
        }
        for (name, keyPath) in [("du", \ClaimSearch.submittedFrom), ("au", \ClaimSearch.submittedTo)] {
            guard let raw = value(name) else { continue }
            guard (try? Date(raw, strategy: Date.ISO8601FormatStyle().year().month().day())) != nil else {
                throw HTTPError(
                    .badRequest,
                    message: "Date de dépôt invalide (« \(name) ») : format attendu AAAA-MM-JJ."
                )
            }
            self[keyPath: keyPath] = raw
        }
        if let raw = value("force") {
            guard ["PN", "GN", "PP"].contains(raw) else {
                throw HTTPError(.badRequest, message: "Force inconnue : \(raw).")
            }
            force = raw
        }
        if let raw = value("q") { text = String(SearchText.fold(raw).prefix(100)) }
        if let raw = value("tri") {
            guard let sort = Sort(rawValue: raw) else { throw HTTPError(.badRequest, message: "Tri inconnu : \(raw).") }
            self.sort = sort
        }
        if let raw = value("page") {
            guard let page = Int(raw), (1...10_000).contains(page) else {
                throw HTTPError(.badRequest, message: "Numéro de page invalide.")
            }
            self.page = page
        }
        if let raw = value("limite") {
            guard let size = Int(raw), (1...100).contains(size) else {
                throw HTTPError(.badRequest, message: "La limite doit être comprise entre 1 et 100.")
            }
            pageSize = size
        }
    }
}
