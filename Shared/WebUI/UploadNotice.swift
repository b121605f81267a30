/// The outcome of an upload at the documents service, as every portal words it.
package enum UploadNotice {
    /// What the person is told after an upload, from the `depot` parameter documents sends back.
    package static func notice(for outcome: String?) -> (isError: Bool, text: String)? {
        switch outcome {
        case "recu":
            (false, "Votre fichier a bien été reçu. S’il n’apparaît pas encore ci-dessous, actualisez la page.")
        case "analyse":
            (
                false,
                "Votre fichier a bien été reçu. Son analyse antivirus est en attente : le bureau pourra l’ouvrir dès "
                    + "qu’elle aura eu lieu."
            )
        case "virus":
            (
                true,
                "Ce fichier a été refusé : l’analyse antivirus y a détecté un contenu malveillant. Envoyez un autre fichier."
            )
        case "format": (true, "Ce fichier a été refusé : seuls les formats PDF, JPEG, PNG et WebP sont acceptés.")
        case "contenu":
            (
                true,
                "Ce PDF a été refusé : il contient du code ou des fichiers joints. Enregistrez-le de nouveau "
                    + "(« Imprimer » puis « Enregistrer au format PDF ») et renvoyez-le."
            )
        case "taille":
            (
                true,
                "Ce fichier a été refusé : il dépasse 10 Mo. Réduisez sa taille (photo moins lourde, PDF compressé)."
            )
        case "nombre":
            (true, "Vous avez atteint le nombre maximal de fichiers pour ce type de pièce ou pour cette demande.")
        case "vide": (true, "Aucun fichier n’a été choisi : sélectionnez un fichier avant d’envoyer.")
        case "expire": (true, "La page était ouverte depuis trop longtemps : choisissez de nouveau votre fichier.")
        case "indisponible":
            (
                true,
                "Votre fichier n’a pas pu être enregistré : le service est momentanément indisponible. Renvoyez-le "
                    + "dans quelques minutes."
            )
        default: nil
        }
    }
}
