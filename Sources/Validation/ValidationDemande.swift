import Foundation

/// Field validation of a demande, shared by client (refuse early, offline) and server (the authority).
/// Returns *every* problem at once.
public enum ValidationDemande {
    /// Problems of `demande` on `jour`; `communesConnues` restricts the communes souhaitées when given.
    public static func problemes(_ demande: Demande, au jour: Jour, communesConnues: Set<String>? = nil) -> [ProblemeValidation] {
        var p: [ProblemeValidation] = []
        func ajouter(_ chemin: String, _ code: String, _ message: String) {
            p.append(ProblemeValidation(chemin: chemin, code: code, message: message))
        }

        verifierPersonne(demande.demandeur, chemin: "demandeur", role: "du demandeur", adulte: true, au: jour, ajouter)
        for (i, c) in demande.coDemandeurs.enumerated() {
            verifierPersonne(c.personne, chemin: "coDemandeurs[\(i)].personne", role: "du co-demandeur \(i + 1)", adulte: true, au: jour, ajouter)
        }
        if demande.coDemandeurs.filter({ $0.lien.estCouple }).count > 1 {
            ajouter("coDemandeurs", "incoherent", "Un seul co-demandeur peut être conjoint, partenaire de PACS ou concubin.")
        }
        for (i, e) in demande.personnesACharge.enumerated() {
            verifierPersonne(e, chemin: "personnesACharge[\(i)]", role: "de la personne à charge \(i + 1)", adulte: false, au: jour, ajouter)
        }
        for (i, e) in demande.enfantsDroitDeVisite.enumerated() where e.dateNaissance > jour {
            ajouter("enfantsDroitDeVisite[\(i)].dateNaissance", "horsLimites", "La date de naissance est dans le futur.")
        }
        if demande.enfantsANaitre < 0 || demande.enfantsANaitre > 9 {
            ajouter("enfantsANaitre", "horsLimites", "Le nombre d'enfants à naître doit être compris entre 0 et 9.")
        }

        let co = demande.coordonnees
        if co.adresse.trimmingCharacters(in: .whitespaces).isEmpty { ajouter("coordonnees.adresse", "obligatoire", "L'adresse est obligatoire (une adresse de domiciliation convient).") }
        if co.commune.trimmingCharacters(in: .whitespaces).isEmpty { ajouter("coordonnees.commune", "obligatoire", "La commune de l'adresse est obligatoire.") }
        if !(co.codePostal.count == 5 && co.codePostal.allSatisfy { $0.isASCII && $0.isNumber }) {
            ajouter("coordonnees.codePostal", "format", "Le code postal compte 5 chiffres.")
        }
        if let email = co.email, !(email.contains("@") && email.split(separator: "@").count == 2 && email.split(separator: "@")[1].contains(".")) {
            ajouter("coordonnees.email", "format", "L'adresse électronique « \(email) » n'est pas valide.")
        }
        if let tel = co.telephone, tel.filter(\.isNumber).count < 10 {
            ajouter("coordonnees.telephone", "format", "Le numéro de téléphone compte au moins 10 chiffres.")
        }

        let rf = demande.ressources.revenusFiscaux
        if let rfr = rf.rfrN2, rfr < 0 { ajouter("ressources.revenusFiscaux.rfrN2", "horsLimites", "Le revenu fiscal de référence ne peut être négatif.") }
        if let annee = rf.anneeN2, rf.rfrN2 != nil, annee != jour.annee - 2 {
            ajouter("ressources.revenusFiscaux.anneeN2", "incoherent",
                "Le revenu fiscal de référence retenu en \(jour.annee) est celui de \(jour.annee - 2) (avis \(jour.annee - 1)), pas de \(annee).")
        }
        if rf.n1Demande && rf.revenuN1 == nil {
            ajouter("ressources.revenusFiscaux.revenuN1", "obligatoire", "Les revenus N-1 sont demandés mais non renseignés.")
        }
        if let v = demande.ressources.pensionsAlimentairesVersees, v < .zero {
            ajouter("ressources.pensionsAlimentairesVersees", "horsLimites", "Le montant ne peut être négatif.")
        }

        let la = demande.logementActuel
        if la.nombreOccupants < 1 || la.nombreOccupants > 30 {
            ajouter("logementActuel.nombreOccupants", "horsLimites", "Le nombre de personnes vivant dans le logement actuel est obligatoire (1 à 30).")
        }
        if let s = la.surfaceHabitable, s <= 0 || s > 1000 { ajouter("logementActuel.surfaceHabitable", "horsLimites", "La surface doit être comprise entre 1 et 1000 m².") }
        if let siren = la.bailleurSiren, !(siren.count == 9 && siren.allSatisfy { $0.isASCII && $0.isNumber }) {
            ajouter("logementActuel.bailleurSiren", "format", "Le SIREN du bailleur compte 9 chiffres.")
        }
        if la.situation == .locataireHLM && (la.bailleurNom ?? "").isEmpty {
            ajouter("logementActuel.bailleurNom", "obligatoire", "Le nom du bailleur est obligatoire pour un locataire HLM.")
        }
        for (chemin, montant) in [("loyer", la.loyer), ("charges", la.charges), ("aideLogement", la.aideLogement)] {
            if let m = montant, m < .zero { ajouter("logementActuel.\(chemin)", "horsLimites", "Le montant ne peut être négatif.") }
        }

        if demande.motifs.isEmpty { ajouter("motifs", "obligatoire", "Indiquez au moins un motif de la demande.") }

        let lr = demande.logementRecherche
        if lr.typologies.isEmpty { ajouter("logementRecherche.typologies", "obligatoire", "Indiquez au moins une typologie recherchée.") }
        if lr.nombrePersonnes < demande.nombrePersonnesFiscales {
            ajouter("logementRecherche.nombrePersonnes", "incoherent",
                "Le nombre de personnes à loger (\(lr.nombrePersonnes)) est inférieur au ménage déclaré (\(demande.nombrePersonnesFiscales)).")
        }
        if lr.communes.isEmpty { ajouter("logementRecherche.communes", "obligatoire", "Indiquez au moins une commune souhaitée.") }
        var vues = Set<String>()
        for (i, c) in lr.communes.enumerated() {
            if !CodeInsee.estValide(c) {
                ajouter("logementRecherche.communes[\(i)]", "format", "« \(c) » n'est pas un code INSEE de commune.")
            } else if let connues = communesConnues, !connues.contains(c) {
                ajouter("logementRecherche.communes[\(i)]", "horsLimites", "La commune \(c) n'appartient pas au territoire de la métropole.")
            }
            if !vues.insert(c).inserted { ajouter("logementRecherche.communes[\(i)]", "incoherent", "La commune \(c) est citée deux fois.") }
        }
        if let m = lr.loyerMaximum, m <= .zero { ajouter("logementRecherche.loyerMaximum", "horsLimites", "Le loyer maximum doit être positif.") }
        if let e = lr.etageMaximum, e < 0 { ajouter("logementRecherche.etageMaximum", "horsLimites", "L'étage maximum ne peut être négatif.") }

        for (i, pr) in demande.priorites.enumerated() where (pr.valideePar == nil) != (pr.valideeLe == nil) {
            ajouter("priorites[\(i)]", "incoherent", "Une priorité validée indique qui l'a validée et quand.")
        }
        return p
    }

    private static func verifierPersonne(
        _ personne: Personne, chemin: String, role: String, adulte: Bool, au jour: Jour,
        _ ajouter: (String, String, String) -> Void
    ) {
        if personne.nomNaissance.trimmingCharacters(in: .whitespaces).isEmpty {
            ajouter("\(chemin).nomNaissance", "obligatoire", "Le nom de naissance \(role) est obligatoire.")
        }
        if personne.prenoms.trimmingCharacters(in: .whitespaces).isEmpty {
            ajouter("\(chemin).prenoms", "obligatoire", "Le prénom \(role) est obligatoire.")
        }
        if personne.dateNaissance > jour {
            ajouter("\(chemin).dateNaissance", "horsLimites", "La date de naissance \(role) est dans le futur.")
        } else if personne.dateNaissance.ageRevolu(au: jour) > 120 {
            ajouter("\(chemin).dateNaissance", "horsLimites", "La date de naissance \(role) est invraisemblable.")
        } else if adulte && personne.dateNaissance.ageRevolu(au: jour) < 16 {
            // A minor may only file as mineur émancipé (16 years at least).
            ajouter("\(chemin).dateNaissance", "horsLimites", "Le demandeur ou co-demandeur doit avoir au moins 16 ans (mineur émancipé).")
        }
        if let nir = personne.nir, let message = NIR.probleme(nir, dateNaissance: personne.dateNaissance) {
            ajouter("\(chemin).nir", "cle", message)
        }
        for (i, r) in personne.revenusMensuels.enumerated() where r.montant < .zero {
            ajouter("\(chemin).revenusMensuels[\(i)].montant", "horsLimites", "Un revenu mensuel ne peut être négatif.")
        }
    }
}
