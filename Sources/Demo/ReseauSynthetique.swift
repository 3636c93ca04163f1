/// The ~25 points of the synthetic network (domain.md §12.9): the métropole's staff, the Pôle Habitat Social
/// (niveau 3), the CCAS of the large communes (niveau 2), small communes (niveau 1), two mobile permanences and
/// three bailleurs, with their yearly reception volumes and their share of the registrations.
enum ReseauSynthetique {
    /// One point: the guichet, its accueils per year (*est.*, §12.12: Pôle ~10,000, large CCAS 1,500–3,000, others
    /// 100–800, total ~30,000) and its weight among the demandes registered at a desk.
    struct Point {
        let guichet: Guichet
        let accueilsParAn: Int
        let poidsEnregistrement: Double
    }

    /// Code of the métropole's staff guichet.
    static let metropole = "GAM01"
    /// Code of the niveau-3 Pôle Habitat Social, which also validates online demandes and qualifies priorities.
    static let poleHabitatSocial = "PHS01"

    static let points: [Point] = [
        p("GAM01", "Grenoble-Alpes Métropole — service habitat", "38185", .trois, .metropole, 150, 0),
        p("PHS01", "Pôle Habitat Social", "38185", .trois, .communal, 10_000, 0.20),
        p("GRE01", "CCAS de Grenoble", "38185", .deux, .communal, 3_000, 0.14),
        p("SMH01", "CCAS de Saint-Martin-d'Hères", "38421", .deux, .communal, 2_600, 0.09),
        p("ECH01", "CCAS d'Échirolles", "38151", .deux, .communal, 2_400, 0.09),
        p("FON01", "CCAS de Fontaine", "38169", .deux, .communal, 1_800, 0.06),
        p("MEY01", "CCAS de Meylan", "38229", .deux, .communal, 1_500, 0.04),
        p("SEG01", "CCAS de Saint-Égrève", "38382", .deux, .communal, 800, 0.03),
        p("SEY01", "CCAS de Seyssinet-Pariset", "38485", .deux, .communal, 650, 0.025),
        p("SAS01", "CCAS de Sassenage", "38474", .deux, .communal, 600, 0.02),
        p("PDC01", "CCAS du Pont-de-Claix", "38317", .deux, .communal, 700, 0.03),
        p("EYB01", "CCAS d'Eybens", "38158", .deux, .communal, 550, 0.02),
        p("VIF01", "Mairie de Vif", "38545", .un, .communal, 400, 0),
        p("VAR01", "Mairie de Varces-Allières-et-Risset", "38524", .un, .communal, 350, 0),
        p("CLA01", "Mairie de Claix", "38111", .un, .communal, 330, 0),
        p("SYS01", "Mairie de Seyssins", "38486", .un, .communal, 300, 0),
        p("VIZ01", "CCAS de Vizille", "38562", .un, .communal, 380, 0),
        p("GIE01", "Mairie de Gières", "38179", .un, .communal, 250, 0),
        p("DOM01", "CCAS de Domène", "38150", .un, .communal, 260, 0),
        p("TRO01", "Mairie de La Tronche", "38516", .un, .communal, 220, 0),
        p("PMB01", "Permanence mobile Sud (Jarrie)", "38200", .deux, .permanenceMobile, 250, 0.01),
        p("PMB02", "Permanence mobile Est (Vaulnaveys-le-Haut)", "38529", .deux, .permanenceMobile, 200, 0.01),
        p("ACTIS", "Actis — accueil des demandeurs", "38185", .deux, .bailleur, 700, 0.09),
        p("SDH01", "Société Dauphinoise pour l'Habitat", "38151", .deux, .bailleur, 600, 0.07),
        p("PLURA", "Pluralis", "38185", .deux, .bailleur, 400, 0.04),
    ]

    /// Codes of the bailleurs that own the offers, with their share of the stock (*est.*).
    static let bailleurs: [(code: String, part: Double)] = [("ACTIS", 0.45), ("SDH01", 0.35), ("PLURA", 0.20)]

    /// Validating points of the online demandes (niveau 3: `recevoirDemandeEnLigne`), with their shares.
    static let validationEnLigne: [(code: String, part: Double)] = [(poleHabitatSocial, 0.75), (metropole, 0.25)]

    private static func p(
        _ code: String, _ nom: String, _ insee: String, _ niveau: Niveau, _ type: TypeGuichet, _ accueils: Int,
        _ poids: Double
    ) -> Point {
        Point(guichet: Guichet(code: code, nom: nom, communeInsee: insee, niveau: niveau, type: type), accueilsParAn: accueils,
              poidsEnregistrement: poids)
    }
}
