#!/usr/bin/python3
# generate.py — writes the hostile-input corpus next to this script.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The files are checked in; this script says how they were made and makes
# them again (python3 tests/data/hostile/generate.py). Each file name says
# what it tries; README.md lists what the importers must do with it.

import os

here = os.path.dirname(os.path.abspath(__file__))
MB = 1024 * 1024


def write(kind, name, data):
    os.makedirs(os.path.join(here, kind), exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(here, kind, name), 'wb') as f:
        f.write(data)


def crlf(lines):
    return ''.join(line + '\r\n' for line in lines)


# --- Calendar files -------------------------------------------------------

def calendar(zone_parts, tzid='Hostile Zone', extra_event=()):
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN',
             'BEGIN:VTIMEZONE', 'TZID:' + tzid]
    lines += zone_parts
    lines += ['END:VTIMEZONE',
              'BEGIN:VEVENT', 'UID:hostile-zone@example.org',
              'DTSTAMP:20261101T120000Z',
              'DTSTART;TZID=' + tzid + ':20261201T190000',
              'DTEND;TZID=' + tzid + ':20261201T200000',
              'SUMMARY:Vorstand']
    lines += list(extra_event)
    lines += ['END:VEVENT', 'END:VCALENDAR']
    return crlf(lines)


def zone_part(kind, rule=None, dtstart='16010101T030000', rdates=()):
    part = ['BEGIN:' + kind, 'DTSTART:' + dtstart,
            'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:X']
    if rule:
        part.append('RRULE:' + rule)
    part += ['RDATE:' + r for r in rdates]
    part.append('END:' + kind)
    return part


write('ics', 'zone-minutely.ics',
      calendar(zone_part('STANDARD', 'FREQ=MINUTELY')))
write('ics', 'zone-secondly.ics',
      calendar(zone_part('DAYLIGHT', 'FREQ=SECONDLY;INTERVAL=1')))
write('ics', 'zone-hourly.ics',
      calendar(zone_part('STANDARD', 'FREQ=HOURLY', dtstart='19700101T000000')))
write('ics', 'zone-yearly-byminute.ics',
      calendar(zone_part('STANDARD', 'FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;'
                         'BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;'
                         'BYMINUTE=' + ','.join(str(m) for m in range(60)))))
write('ics', 'zone-monthly-every-day.ics',
      calendar(zone_part('STANDARD', 'FREQ=MONTHLY;BYMONTHDAY=' +
                         ','.join(str(d) for d in range(1, 32)))))
write('ics', 'zone-rdates.ics',
      calendar(zone_part('STANDARD', rdates=['%04d%02d%02dT030000' % (1700 + i // 12, i % 12 + 1, 1)
                                             for i in range(5000)])))
write('ics', 'zone-many-parts.ics',
      calendar(sum((zone_part('STANDARD' if i % 2 else 'DAYLIGHT',
                              'FREQ=YEARLY;BYMONTH=%d;BYDAY=-1SU' % (i % 12 + 1))
                    for i in range(400)), [])))
# Rules that never match: libical's iterator must not spin for ever.
write('ics', 'zone-impossible-rules.ics',
      calendar(zone_part('STANDARD', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30') +
               zone_part('DAYLIGHT', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11') +
               zone_part('STANDARD', 'FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1', dtstart='00010101T000000') +
               zone_part('DAYLIGHT', 'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;BYMONTH=6')))
# Within the limits, but as slow as they allow: imported, quickly.
write('ics', 'zone-slow-within-limits.ics',
      calendar(zone_part('STANDARD', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2', dtstart='17030101T030000') +
               zone_part('DAYLIGHT', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', dtstart='19700101T030000')))
# A zone as Outlook writes it: refused it must not be.
write('ics', 'zone-outlook-sane.ics',
      calendar(zone_part('STANDARD', 'FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10') +
               zone_part('DAYLIGHT', 'FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3'),
               tzid='Mitteleuropaeische Vereinszeit'))

attendee_lines = [
    'ATTENDEE;CN=Anna:mailto:anna@x.org%2Cboss@evil.org',
    'ATTENDEE;CN=Bert:mailto:bert@x.org,boss@evil.org',
    'ATTENDEE;CN=Carla:mailto:carla@x.org%0D%0ABcc:boss@evil.org',
    'ATTENDEE;CN=Dora:mailto:"dora@x.org"@evil.org',
    'ATTENDEE;CN=Emil:mailto:emil@x.org%3Bboss@evil.org',
    'ATTENDEE;CN=Frida:mailto:<frida@x.org>',
    'ATTENDEE;CN=Gustav:mailto:gustav@x.org%20boss@evil.org',
    'ATTENDEE;CN=Hanna:mailto:hanna@evil.org\u202egro.x',
    'ATTENDEE;CN=Ida:mailto:ida%40x.org@evil.org',
    'ATTENDEE;CN=Jonas:mailto:jonas@x.org%00boss@evil.org',
    'ATTENDEE;CN=Karl:mailto:' + 'k' * 300 + '@x.org',
    'ATTENDEE;CN=Lena:mailto:%FF%FE@x.org',
    # These two are fine and must be imported.
    'ATTENDEE;CN=Marie Müller;ROLE=CHAIR:mailto:marie@example.org',
    'ATTENDEE;CN=Nils:mailto:nils@example.org',
]
write('ics', 'attendee-tricks.ics',
      calendar(zone_part('STANDARD', 'FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10'),
               tzid='Europe/Berlin', extra_event=attendee_lines))

# One appointment, a mailing list's worth of attendees.
write('ics', 'too-many-attendees.ics', crlf(
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN', 'BEGIN:VEVENT', 'UID:list@example.org',
     'DTSTART;TZID=Europe/Berlin:20261209T190000', 'SUMMARY:Rundschreiben'] +
    ['ATTENDEE;CN=P %d:mailto:p%d@example.org' % (i, i) for i in range(5000)] +
    ['END:VEVENT', 'END:VCALENDAR']))

# Many appointments, each below the limit, together far above it.
lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN']
for e in range(12):
    lines += ['BEGIN:VEVENT', 'UID:list-%d@example.org' % e,
              'DTSTART;TZID=Europe/Berlin:20261209T190000', 'SUMMARY:Rundschreiben %d' % e]
    lines += ['ATTENDEE:mailto:p%d@example.org' % i for i in range(900)]
    lines += ['END:VEVENT']
write('ics', 'too-many-attendees-in-all.ics', crlf(lines + ['END:VCALENDAR']))

# One appointment with more cancelled dates than a file may have.
write('ics', 'too-many-exdates.ics', crlf(
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN', 'BEGIN:VEVENT', 'UID:ex@example.org',
     'DTSTART;TZID=Europe/Berlin:20270105T190000', 'RRULE:FREQ=DAILY', 'SUMMARY:Ausnahmen',
     'EXDATE;TZID=Europe/Berlin:' + ','.join('%04d%02d%02dT190000' % (2027 + i // 336, i // 28 % 12 + 1, i % 28 + 1)
                                             for i in range(10001)),
     'END:VEVENT', 'END:VCALENDAR']))

write('ics', 'markup-names.ics', crlf([
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN',
    'BEGIN:VEVENT', 'UID:markup@example.org',
    'DTSTART;TZID=Europe/Berlin:20261203T190000', 'DURATION:PT1H',
    'SUMMARY:<a href="https://evil.example/">Vorstand</a> & <b>Beirat</b>',
    'DESCRIPTION:<script>alert(1)</script> &amp; &lt;',
    'ATTENDEE;CN="<a href=\'https://evil.example/\'>Anna</a> & Co":mailto:anna@example.org',
    'ATTENDEE;CN=<i>Bert</i>:mailto:bert@example.org',
    'END:VEVENT', 'END:VCALENDAR']))

write('ics', 'control-characters.ics', crlf([
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN',
    'BEGIN:VEVENT', 'UID:control@example.org',
    'DTSTART;TZID=Europe/Berlin:20261204T190000', 'DURATION:PT1H',
    'SUMMARY:Vor\x01stand\x1b[31m rot\x07 \u202eTIEB\u202c',
    'ATTENDEE;CN=An\x1bna\x08\x08\x08Boss:mailto:anna@example.org',
    'ATTENDEE;CN=Be\u2028rt:mailto:bert@example.org',
    'END:VEVENT', 'END:VCALENDAR']))

write('ics', 'nul-bytes.ics',
      b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:nul@example.org\r\n'
      b'DTSTART;TZID=Europe/Berlin:20261205T190000\r\nSUMMARY:Vor\x00stand\r\n'
      b'END:VEVENT\r\nEND:VCALENDAR\r\n')

write('ics', 'invalid-utf8.ics',
      b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:utf8@example.org\r\n'
      b'DTSTART;TZID=Europe/Berlin:20261206T190000\r\nSUMMARY:Vorst\xc3\x28nd \xff\xfe\r\n'
      b'END:VEVENT\r\nEND:VCALENDAR\r\n')

write('ics', 'long-line.ics', crlf([
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN',
    'BEGIN:VEVENT', 'UID:long@example.org',
    'DTSTART;TZID=Europe/Berlin:20261207T190000', 'DURATION:PT1H',
    'SUMMARY:' + 'Vorstandssitzung ' * (MB // 17),
    'ATTENDEE;CN=' + 'A' * MB + ':mailto:anna@example.org',
    'END:VEVENT', 'END:VCALENDAR']))

def many_events(n):
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//hostile//EN']
    for i in range(n):
        lines += ['BEGIN:VEVENT', 'UID:e%d@x' % i, 'DTSTART:20270105T190000', 'SUMMARY:T %d' % i,
                  'END:VEVENT']
    return crlf(lines + ['END:VCALENDAR'])


# The most appointments one file may hold, and one more.
write('ics', 'max-events.ics', many_events(5000))
write('ics', 'too-many-events.ics', many_events(5001))

write('ics', 'deep-nesting.ics',
      crlf(['BEGIN:VCALENDAR'] + ['BEGIN:X-NEST'] * 50000 + ['END:X-NEST'] * 50000 +
           ['BEGIN:VEVENT', 'UID:deep@example.org',
            'DTSTART;TZID=Europe/Berlin:20261208T190000', 'SUMMARY:Tief',
            'END:VEVENT', 'END:VCALENDAR']))

# --- CSV member lists ------------------------------------------------------

write('csv', 'address-tricks.csv', crlf([
    'Name;E-Mail',
    'Anna;"anna@x.org,boss@evil.org"',
    'Bert;bert@x.org%2Cboss@evil.org',
    'Carla;"carla@x.org\r\nBcc: boss@evil.org"',
    'Dora;"""Dora"" <dora@x.org>"',
    'Emil;<emil@x.org>',
    'Frida;frida@x.org boss@evil.org',
    'Gustav;gustav@evil.org\u202egro.x',
    'Hanna;' + 'h' * 300 + '@x.org',
    'Ida;"ida@x.org;boss@evil.org"',
    'Marie Müller;marie@example.org',
    'Nils;nils@example.org',
]))

write('csv', 'markup-names.csv', crlf([
    'Name;E-Mail;Gruppen;Bemerkung',
    '"<a href=""https://evil.example/"">Anna</a> & Co";anna@example.org;"<b>Vorstand</b>";<script>x</script>',
    '<i>Bert</i> &amp;;bert@example.org;Jugend & Sport;',
    '"=HYPERLINK(""https://evil.example/"";""Klick"")";carla@example.org;;',
]))

write('csv', 'control-characters.csv', crlf([
    'Name;E-Mail',
    'An\x1bna\x07;anna@example.org',
    'Be\x01rt\x08\x08\x08\x08Boss;bert@example.org',
    'Carla \u202eztaH\u202c;carla@example.org',
]))

write('csv', 'nul-bytes.csv', b'Name;E-Mail\r\nAn\x00na;anna@example.org\r\n')

write('csv', 'invalid-utf8.csv', b'Name;E-Mail\r\nAnna \x81\x8d\x8f\x90\x9d;anna@example.org\r\n')

write('csv', 'long-line.csv', crlf([
    'Name;E-Mail;Bemerkung',
    'A' * MB + ';anna@example.org;',
    'Bert;bert@example.org;' + 'x' * MB,
    'Carla;carla@example.org;',
]))

write('csv', 'no-addresses-same-names.csv', crlf(
    ['Name'] + ['Mitglied %d' % (i % 50) for i in range(2000)]))

# One more row than a file may have.
write('csv', 'too-many-rows.csv', crlf(['Name;E-Mail'] + ['M %d;m%d@example.org' % (i, i) for i in range(20001)]))

# --- vCards ------------------------------------------------------------------

def vcard(fn, email, extra=()):
    return ['BEGIN:VCARD', 'VERSION:3.0', 'FN:' + fn] + \
           (['EMAIL;TYPE=INTERNET:' + email] if email is not None else []) + \
           list(extra) + ['END:VCARD']


write('vcf', 'address-tricks.vcf', crlf(
    vcard('Anna', 'anna@x.org,boss@evil.org') +
    vcard('Bert', 'bert@x.org\\,boss@evil.org') +
    vcard('Carla', None, ['EMAIL;ENCODING=QUOTED-PRINTABLE:carla@x.org=0D=0ABcc: boss@evil.org']) +
    vcard('Dora', 'mailto:dora@x.org%2Cboss@evil.org') +
    vcard('Emil', '<emil@x.org>') +
    vcard('Frida', 'frida@x.org;boss@evil.org') +
    vcard('Marie Müller', 'marie@example.org') +
    vcard('Nils', 'nils@example.org')))

write('vcf', 'markup-names.vcf', crlf(
    vcard('<a href="https://evil.example/">Anna</a> & Co', 'anna@example.org',
          ['CATEGORIES:<b>Vorstand</b>,Jugend & Sport', 'NOTE:<script>x</script>']) +
    vcard('<i>Bert</i> &amp;', 'bert@example.org')))

write('vcf', 'control-characters.vcf', crlf(
    vcard('An\x1bna\x07', 'anna@example.org') +
    vcard('Be\x01rt', 'bert@example.org', ['NOTE;ENCODING=QUOTED-PRINTABLE:a=00b=1Bc'])))

write('vcf', 'nul-bytes.vcf', b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:An\x00na\r\n'
      b'EMAIL:anna@example.org\r\nEND:VCARD\r\n')

write('vcf', 'invalid-utf8.vcf', b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna \x81\x8d\xc3\x28\r\n'
      b'EMAIL:anna@example.org\r\nEND:VCARD\r\n')

write('vcf', 'long-line.vcf', crlf(
    vcard('A' * MB, 'anna@example.org') +
    vcard('Bert', 'bert@example.org', ['NOTE:' + 'x' * MB]) +
    vcard('Carla', 'carla@example.org')))

# A line with a value and no name at all (found by tests/fuzz-import.c).
write('vcf', 'nameless-property.vcf', crlf(
    ['BEGIN:VCARD', 'VERSION:3.0', ':nameless', 'FN:Anna', 'EMAIL:anna@example.org', 'END:VCARD']))

write('vcf', 'quoted-printable-tricks.vcf', crlf(
    ['BEGIN:VCARD', 'VERSION:2.1',
     'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=3Ca href=3D=22x=22=3EAnna=3C/a=3E=0D=0AEvil',
     'EMAIL;ENCODING=QUOTED-PRINTABLE:anna=40example.org=2C boss=40evil.org', 'END:VCARD',
     'BEGIN:VCARD', 'VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE;CHARSET=X-NONSENSE:B=E4rbel',
     'EMAIL:baerbel@example.org', 'END:VCARD']))
