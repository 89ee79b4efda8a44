namespace PharmaRag.Core.Text;

/// <summary>
/// The clinical words a label or protocol uses for what a patient or a new user asks in everyday
/// words ("pregnant" for Pregnancy, "kidney" for renal, "side effects" for adverse reactions).
/// A question's keyword search and its answer's sentence choice also look for these words.
/// </summary>
public static class LayTerms
{
    // Keys are lower-case words or two-word phrases of the question; values are added words.
    private static readonly Dictionary<string, string> Clinical = new(StringComparer.Ordinal)
    {
        ["pregnant"] = "pregnancy",
        ["pregnancy"] = "pregnant",
        ["breastfeed"] = "breastfeeding lactation",
        ["breastfeeding"] = "lactation",
        ["safe"] = "safety",
        ["breastmilk"] = "milk lactation breastfeeding",
        ["breast milk"] = "lactation breastfeeding",
        ["breast-feeding"] = "breastfeeding lactation",
        ["nursing"] = "lactation breastfeeding",
        ["kidney"] = "renal",
        ["kidneys"] = "renal",
        ["liver"] = "hepatic",
        ["heart attack"] = "myocardial infarction",
        ["blood thinner"] = "anticoagulant",
        ["blood thinners"] = "anticoagulants",
        ["side effects"] = "adverse reactions",
        ["side effect"] = "adverse reaction",
        ["child"] = "pediatric",
        ["children"] = "pediatric",
        ["kids"] = "pediatric",
        ["baby"] = "infants neonates",
        ["babies"] = "infants neonates",
        ["newborn"] = "neonates",
        ["newborns"] = "neonates",
        ["elderly"] = "geriatric",
        ["older adults"] = "geriatric",
        ["how old"] = "age years",
        ["allergic"] = "hypersensitivity",
        ["allergy"] = "hypersensitivity",
        ["allergies"] = "hypersensitivity",
        ["not take"] = "contraindicated contraindications",
        ["not be used"] = "contraindicated contraindications",
        ["never be given"] = "contraindicated",
        ["must not"] = "contraindicated",
        ["dose"] = "dosage",
        ["doses"] = "dosage",
        ["dosage"] = "dose",
        ["muscle pain"] = "myalgia",
        ["joint pain"] = "arthralgia",
        ["joint and muscle"] = "musculoskeletal",
        ["muscle and joint"] = "musculoskeletal",
        ["bone and joint"] = "musculoskeletal",
        ["muscle breakdown"] = "rhabdomyolysis",
        ["blood sugar"] = "glucose",
        ["low blood sugar"] = "hypoglycemia",
        ["sugar"] = "glucose",
        ["thrown away"] = "discarded",
        ["throw away"] = "discard",
        ["antibiotic"] = "antibacterial",
        ["antibiotics"] = "antibacterial",
        ["blood clot"] = "thrombosis",
        ["blood clots"] = "thrombosis",
        ["bleed"] = "bleeding hemorrhage",
        ["stomach"] = "gastrointestinal",
        ["water pill"] = "diuretic",
        ["painkiller"] = "analgesic nsaid",
        ["painkillers"] = "analgesics nsaids",
        ["anti-inflammatory"] = "nsaid nsaids",
        // Symptoms and findings, in a patient's words and in the label's or protocol's.
        ["faint"] = "syncope",
        ["fainting"] = "syncope",
        ["fainted"] = "syncope",
        ["passing out"] = "syncope",
        ["slow heart"] = "bradycardia",
        ["slow heartbeat"] = "bradycardia",
        ["fast heart"] = "tachycardia",
        ["fast heartbeat"] = "tachycardia",
        ["racing heart"] = "tachycardia",
        ["irregular heartbeat"] = "arrhythmia",
        ["high blood pressure"] = "hypertension",
        ["low blood pressure"] = "hypotension",
        ["itching"] = "pruritus",
        ["itchy"] = "pruritus",
        ["hives"] = "urticaria",
        ["hair loss"] = "alopecia",
        ["throwing up"] = "vomiting",
        ["throw up"] = "vomiting",
        ["feeling sick"] = "nausea",
        ["sleepy"] = "somnolence",
        ["sleepiness"] = "somnolence",
        ["drowsy"] = "somnolence drowsiness",
        ["swelling"] = "edema",
        ["bruising"] = "ecchymosis",
        ["nosebleed"] = "epistaxis",
        ["nosebleeds"] = "epistaxis",
        ["short of breath"] = "dyspnea",
        ["shortness of breath"] = "dyspnea",
        ["breathless"] = "dyspnea",
        ["tired"] = "fatigue",
        ["tiredness"] = "fatigue",
        ["yellow skin"] = "jaundice",
        ["yellowing"] = "jaundice",
        ["chest pain"] = "angina",
        ["tingling"] = "paresthesia",
        ["numbness"] = "paresthesia hypoesthesia",
        ["nerve damage"] = "neuropathy",
        ["sore throat"] = "pharyngitis",
        ["runny nose"] = "rhinitis rhinorrhea",
        ["common cold"] = "nasopharyngitis",
        ["sunburn"] = "photosensitivity",
        ["bad cholesterol"] = "ldl-c ldl",
        ["good cholesterol"] = "hdl-c hdl",
        ["birth control"] = "contraceptive contraception",
        ["blood test"] = "laboratory",
        ["blood tests"] = "laboratory",
        ["fridge"] = "refrigerator",
        ["overdose"] = "overdosage",
        ["people"] = "patients participants",
        ["participants"] = "patients",
        ["patients"] = "participants",
        ["subjects"] = "patients participants",
        ["how long"] = "duration",
        ["lower"] = "reduce decrease",
        ["lowers"] = "reduces decreases",
        ["blood levels"] = "plasma concentrations",
        ["levels in the blood"] = "plasma concentrations",
        ["how many participants"] = "sample size number",
        ["how many patients"] = "sample size number",
        ["how many subjects"] = "sample size number",
        // Eligibility: "to be included", "to enter the study" ask for the inclusion criteria.
        ["be included"] = "inclusion criteria",
        ["to enter"] = "inclusion criteria entry",
        ["eligible"] = "inclusion criteria",
        ["be excluded"] = "exclusion criteria",
        ["rule out"] = "exclusion excluded",
        ["rules out"] = "exclusion excluded",
        ["not be given"] = "contraindicated contraindications",
        // Everyday verbs for what labels and protocols say in their own words: a forgotten tablet
        // is a missed dose, stepping up a dose is titrating it.
        ["forgot"] = "missed",
        ["forget"] = "missed",
        ["forgets"] = "missed",
        ["forgotten"] = "missed",
        ["skipped"] = "missed",
        ["step up"] = "titration titrated",
        ["stepped up"] = "titration titrated",
        ["mono"] = "mononucleosis",
        ["glandular fever"] = "mononucleosis",
        // Pharmacokinetic tables print parameters by their symbols: a question asks for "the time
        // to peak" (Tmax), "the peak level" (Cmax), "the area under the curve" (AUC), "the
        // half-life" (t1/2), "the trough" (Ctrough), and "PK" for
        // the pharmacokinetics their captions name. "Peak concentration" alone is left out: "time to
        // peak concentration" asks for Tmax.
        ["time to peak"] = "tmax",
        ["time to maximum"] = "tmax",
        ["peak level"] = "cmax",
        ["peak levels"] = "cmax",
        ["peak plasma"] = "cmax",
        ["maximum concentration"] = "cmax",
        ["maximum plasma"] = "cmax",
        ["area under the curve"] = "auc",
        // A label's PK table heads the half-life row "t1/2" and the trough row "Ctrough".
        ["half-life"] = "t1/2",
        ["half life"] = "t1/2",
        ["trough"] = "ctrough",
        ["pk"] = "pharmacokinetic",
    };

    /// <summary>The clinical words for the lay words and phrases of <paramref name="question"/>, not already in it.</summary>
    public static IReadOnlyList<string> For(string question)
    {
        var words = TermAnalyzer.SearchTokens(question).ToArray();
        var present = words.ToHashSet(StringComparer.Ordinal);
        var added = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            Add(words[i]);
            if (i + 1 < words.Length)
            {
                Add(words[i] + " " + words[i + 1]);
            }
        }
        // Phrases with stop words in them ("not be used") are looked up in the raw lower-case text.
        var lower = question.ToLowerInvariant();
        foreach (var phrase in Clinical.Keys.Where(k => k.Contains(' ') && lower.Contains(k, StringComparison.Ordinal)))
        {
            Add(phrase);
        }
        return added;

        void Add(string key)
        {
            if (Clinical.TryGetValue(key, out var clinical))
            {
                foreach (var word in clinical.Split(' '))
                {
                    if (present.Add(word))
                    {
                        added.Add(word);
                    }
                }
            }
        }
    }

    /// <summary><paramref name="question"/> with its clinical words appended, for keyword search.</summary>
    public static string Expand(string question)
    {
        var added = For(question);
        return added.Count == 0 ? question : question + " " + string.Join(' ', added);
    }
}
