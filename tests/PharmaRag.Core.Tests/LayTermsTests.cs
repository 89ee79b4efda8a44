using PharmaRag.Core.Text;

namespace PharmaRag.Core.Tests;

public sealed class LayTermsTests
{
    [Theory]
    [InlineData("How old must patients be to be included in the study?", "inclusion")]
    [InlineData("What score is needed to enter the study?", "inclusion")]
    [InlineData("Who would be excluded from the trial?", "exclusion")]
    [InlineData("How often were joint and muscle problems reported in children?", "musculoskeletal")]
    [InlineData("Does a history of fainting keep a patient out of the trial?", "syncope")]
    [InlineData("What slow heart rate on the ECG stops a patient from taking part?", "bradycardia")]
    [InlineData("Can patients who need anti-inflammatory pain medicines join?", "nsaid")]
    [InlineData("Is high blood pressure a reason not to enter?", "hypertension")]
    [InlineData("How often did itching occur?", "pruritus")]
    [InlineData("What if I forgot to take a tablet?", "missed")]
    [InlineData("Which conditions rule out enrolment?", "exclusion")]
    [InlineData("Who should not be given the drug?", "contraindicated")]
    [InlineData("Why not give it to someone with mono?", "mononucleosis")]
    [InlineData("When is the dose stepped up?", "titration")]
    [InlineData("What is the time to peak after the 100 mg dose?", "tmax")]
    [InlineData("How high are peak levels after a single dose?", "cmax")]
    [InlineData("What is the area under the curve with food?", "auc")]
    [InlineData("Which PK parameters are summarised?", "pharmacokinetic")]
    [InlineData("What is the half-life of the main metabolite?", "t1/2")]
    [InlineData("How long is the half life after the last dose?", "t1/2")]
    [InlineData("What trough concentration is reached at steady state?", "ctrough")]
    public void Everyday_words_of_a_question_add_the_clinical_words_of_protocols_and_labels(string question, string clinical)
    {
        Assert.Contains(clinical, LayTerms.For(question));
    }
}
