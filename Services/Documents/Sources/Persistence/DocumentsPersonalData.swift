import Persistence

/// Documents answers no access request itself: the files and letters of a claim are listed, with their names and
/// types, by intake's answer to its claimant, and downloaded from their claim's page. Each table says why here, so
/// that a table added later is looked at (DocumentsPersonalDataTests).
enum DocumentsPersonalData {
    static let inventory = PersonalDataInventory(
        reported: [:],
        notReported: [
            "claim_folder": "a claim's folder: its reference and opening date, which intake's answer gives",
            "document": "each file's record (type, name, size, scan): intake's answer lists the claim's files",
            "rendering_request": "letters waiting to be drawn: their content is cleared once the letter is filed, "
                + "and the letter is then in the claimant's space",
        ]
    )
}
