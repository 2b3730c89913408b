<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountDialogs</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/signin.py" line="+549"/>
        <source>%n action(s) not sent yet will be lost if you remove it.</source>
        <translation>
            <numerusform>%n action not sent yet will be lost if you remove it.</numerusform>
            <numerusform>%n actions not sent yet will be lost if you remove it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n action(s) from %1 not sent yet.</source>
        <translation>
            <numerusform>%n action from %1 not sent yet.</numerusform>
            <numerusform>%n actions from %1 not sent yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttentionBanner</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/attention.py" line="+193"/>
        <source>%n message(s) could not be sent and need(s) your attention.</source>
        <translation>
            <numerusform>%n message could not be sent and needs your attention.</numerusform>
            <numerusform>%n messages could not be sent and need your attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n proposal action(s) need(s) your attention.</source>
        <translation>
            <numerusform>%n proposal action needs your attention.</numerusform>
            <numerusform>%n proposal actions need your attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n saved search change(s) need(s) your attention.</source>
        <translation>
            <numerusform>%n saved search change needs your attention.</numerusform>
            <numerusform>%n saved search changes need your attention.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContractsView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/contracts_view.py" line="+343"/>
        <source>%n active contract(s)</source>
        <translation>
            <numerusform>%n active contract</numerusform>
            <numerusform>%n active contracts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EarningsPane</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/earnings_pane.py" line="+463"/>
        <source>%1 in %n week(s)</source>
        <translation>
            <numerusform>%1 in %n week</numerusform>
            <numerusform>%1 in %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>%n transaction(s) exported to %1</source>
        <translation>
            <numerusform>%n transaction exported to %1</numerusform>
            <numerusform>%n transactions exported to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n year(s) of totals exported to %1</source>
        <translation>
            <numerusform>%n year of totals exported to %1</numerusform>
            <numerusform>%n years of totals exported to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+93"/>
        <source>(%n payment(s))</source>
        <translation>
            <numerusform>(%n payment)</numerusform>
            <numerusform>(%n payments)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FoundDelegate</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/message_search.py" line="+112"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobMatch</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/job_match.py" line="+40"/>
        <source>None of its %n skill(s) is one of yours</source>
        <translation>
            <numerusform>Its %n skill is not one of yours</numerusform>
            <numerusform>None of its %n skills is one of yours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of its %n skill(s) are yours: %2</source>
        <translation>
            <numerusform>%1 of its %n skill is yours: %2</numerusform>
            <numerusform>%1 of its %n skills are yours: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>A %1 budget: about %n hour(s) at your rate</source>
        <translation>
            <numerusform>A %1 budget: about %n hour at your rate</numerusform>
            <numerusform>A %1 budget: about %n hours at your rate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>A %1 budget: only about %n hour(s) at your rate</source>
        <translation>
            <numerusform>A %1 budget: only about %n hour at your rate</numerusform>
            <numerusform>A %1 budget: only about %n hours at your rate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>The client has hired %n time(s)</source>
        <translation>
            <numerusform>The client has hired %n time</numerusform>
            <numerusform>The client has hired %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n proposal(s) so far</source>
        <translation>
            <numerusform>%n proposal so far</numerusform>
            <numerusform>%n proposals so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPane</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/jobs_pane.py" line="+728"/>
        <source>%n hidden</source>
        <translation>
            <numerusform>%n hidden</numerusform>
            <numerusform>%n hidden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+98"/>
        <source>Show the %n job(s) you hid in the feed and the saved searches again?</source>
        <translation>
            <numerusform>Show the %n job you hid in the feed and the saved searches again?</numerusform>
            <numerusform>Show the %n jobs you hid in the feed and the saved searches again?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n saved job(s)</source>
        <translation>
            <numerusform>%n saved job</numerusform>
            <numerusform>%n saved jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="+558"/>
        <source>%n need(s) your attention</source>
        <translation>
            <numerusform>%n needs your attention</numerusform>
            <numerusform>%n need your attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/notices.py" line="+252"/>
        <source>No answer came back from the browser within %n minute(s). Please try again.</source>
        <translation>
            <numerusform>No answer came back from the browser within %n minute. Please try again.</numerusform>
            <numerusform>No answer came back from the browser within %n minutes. Please try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/notifier.py" line="+149"/>
        <source>New job in %n saved search(es)</source>
        <translation>
            <numerusform>New job in %n saved search</numerusform>
            <numerusform>New job in %n saved searches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n new update(s) in Atelier</source>
        <translation>
            <numerusform>%n new update in Atelier</numerusform>
            <numerusform>%n new updates in Atelier</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/format.py" line="+127"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedSearchChip</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/saved_searches.py" line="+54"/>
        <source>%n job(s) posted since you last looked</source>
        <translation>
            <numerusform>%n job posted since you last looked</numerusform>
            <numerusform>%n jobs posted since you last looked</numerusform>
        </translation>
    </message>
</context>
</TS>
