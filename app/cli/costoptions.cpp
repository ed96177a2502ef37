#include "costoptions.h"

#include <QCoreApplication>

namespace RagScope::Cli {

void addCostOptions(QCommandLineParser& parser, bool withView, CostView defaultView)
{
    parser.addOption({ QStringLiteral("pricing"),
        QCoreApplication::translate("RagScope::Cli",
            "Price table JSON with effective dates (README: price table); default: the built-in one."),
        QStringLiteral("file") });
    if (withView)
        parser.addOption({ QStringLiteral("cost"),
            QCoreApplication::translate("RagScope::Cli",
                "stored (the backend's cost_estimate) or recomputed (tokens × the price in effect "
                "at each request's time). Default: %1.")
                .arg(costViewName(defaultView)),
            QStringLiteral("view") });
}

Result<CostOptions> parseCostOptions(const QCommandLineParser& parser, bool withView, CostView defaultView)
{
    CostOptions options;
    options.view = defaultView;
    if (withView && parser.isSet(QStringLiteral("cost"))) {
        const auto view = parseCostView(parser.value(QStringLiteral("cost")));
        if (!view)
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::Cli", "--cost must be stored or recomputed, not '%1'")
                    .arg(parser.value(QStringLiteral("cost"))));
        options.view = *view;
    }
    options.prices = PriceTable::builtIn();
    if (parser.isSet(QStringLiteral("pricing"))) {
        RAGSCOPE_TRY(table, PriceTable::fromFile(parser.value(QStringLiteral("pricing"))));
        options.prices = table;
    }
    return options;
}

} // namespace RagScope::Cli
