// Creates a SQLite store with the installed core (its embedded migrations included), costs a
// model from the built-in price table and prints what it did.
#include "money/money.h"
#include "money/pricetable.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc != 2)
        return 2;
    RagScope::Store::OpenOptions options;
    options.access = RagScope::Store::Access::Write;
    options.migrate = true;
    options.createSchema = true;
    options.createIfMissing = true;
    const auto store
        = RagScope::Store::open(QStringLiteral("sqlite:") + QString::fromLocal8Bit(argv[1]), options);
    if (!store.ok()) {
        out << "open failed: " << store.error().message << Qt::endl;
        return 1;
    }
    const auto price = RagScope::PriceTable::builtIn().find(QStringLiteral("gemini-1.5-flash-002"));
    const auto money = RagScope::Money::parse(QStringLiteral("1.5"));
    out << "schema " << store.value()->schemaVersion() << ", gemini-1.5-flash-002 priced "
        << (price ? "yes" : "no") << ", money " << money.value().toString() << Qt::endl;
    return 0;
}
