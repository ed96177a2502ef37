#include "demotext.h"

namespace RagScope::DemoText {

const QList<Topic>& topics()
{
    static const QList<Topic> list {
        { "How do I reset my VPN token?",
            "To reset your VPN token, open the Self-Service portal and choose Security > Tokens." },
        { "What is the travel expense limit for hotels in Berlin?",
            "The hotel limit for Berlin is set in the Travel Policy 2026, section 4.2." },
        { "How many vacation days can I carry over?",
            "Up to five unused vacation days can be carried over into the first quarter." },
        { "Where do I find the Q3 sales deck?",
            "The Q3 sales deck is in the Sales Enablement space under Decks > 2026." },
        { "Can I expense a home office chair?",
            "Home office equipment is reimbursed once every three years up to the listed amount." },
        { "Who approves purchase orders above 10k?",
            "Purchase orders above 10,000 need approval from the cost-center owner and Finance." },
        { "How do I request access to the data warehouse?",
            "Request the 'dwh-reader' role in the Access portal; your manager approves it." },
        { "What is our parental leave policy?",
            "Parental leave is 16 weeks fully paid, see the People Handbook chapter 7." },
        { "How do I rotate the API key for the billing service?",
            "Rotate billing API keys with the secrets CLI; old keys stay valid for 24 hours." },
        { "What are the on-call compensation rules?",
            "On-call weeks are compensated with a flat fee plus overtime for incidents." },
        { "Which laptop models can I order?",
            "Current standard models are listed in the IT catalogue under Hardware > Laptops." },
        { "How do I set up two-factor authentication?",
            "Enroll a second factor in the Identity portal; hardware keys are recommended." },
        { "When is the next payroll date?",
            "Payroll runs on the 25th; if it falls on a weekend, the Friday before." },
        { "How do I report a security incident?",
            "Report security incidents immediately via the #security-incidents channel or the hotline." },
        { "What is the retention period for customer emails?",
            "Customer emails are retained for seven years according to the records policy." },
        { "How do I book a meeting room in Munich?",
            "Book Munich meeting rooms in the calendar by adding the room resource." },
    };
    return list;
}

const QStringList& commentsForRating(int rating)
{
    static const QList<QStringList> byRating {
        { QStringLiteral("Completely wrong, the policy changed last year."),
            QStringLiteral("It made up a section number."), QStringLiteral("Not what I asked.") },
        { QStringLiteral("Outdated link."), QStringLiteral("Partially right but missing the approval step."),
            QStringLiteral("Too vague to act on.") },
        { QStringLiteral("OK, but I had to check the source."),
            QStringLiteral("Right document, wrong section.") },
        { QStringLiteral("Helpful."), QStringLiteral("Good, thanks.") },
        { QStringLiteral("Exactly what I needed!"), QStringLiteral("Perfect, with the right source.") },
    };
    return byRating[qBound(1, rating, 5) - 1];
}

QStringList userIds(int count)
{
    static const char* names[] = { "ana", "ben", "chen", "dara", "emil", "fatima", "gus", "hana", "ivan",
        "jules", "kofi", "lena", "marco", "nadia", "omar", "priya", "quinn", "rosa", "sven", "tara", "uma",
        "viktor", "wen", "xavier", "yara", "zoltan", "alba", "bruno", "carla", "dmitri" };
    static const char* teams[] = { "finance", "sales", "eng", "people", "legal", "ops" };
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        const int n = int(std::size(names));
        ids << QLatin1String(names[i % n]) + QLatin1Char('.')
                + QLatin1String(teams[(i / n + i) % int(std::size(teams))])
                + (i >= n ? QString::number(i / n + 1) : QString());
    }
    return ids;
}

} // namespace RagScope::DemoText
