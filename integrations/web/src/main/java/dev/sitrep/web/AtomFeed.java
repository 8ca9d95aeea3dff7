package dev.sitrep.web;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The status page as an Atom feed (RFC 4287): one entry per public update and one per resolution, newest
 * first, written by the JDK's XML writer so every text is escaped. Entry ids are tag URIs (RFC 4151)
 * from the incident's public key and the time, so a reader never sees the same entry twice.
 */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private record Entry(String id, String title, Instant at, String text, String link) {
    }

    private AtomFeed() {
    }

    static String of(PublicStatus status, String pageUrl) {
        List<Entry> entries = new ArrayList<>();
        List<PublicStatus.PublicIncident> all = new ArrayList<>(status.active());
        all.addAll(status.resolved());
        for (PublicStatus.PublicIncident incident : all) {
            String link = pageUrl + "#" + incident.key();
            for (PublicStatus.PublicUpdate update : incident.updates()) {
                entries.add(new Entry(id(incident, update.at(), "update"), incident.title(), update.at(),
                        update.impact(), link));
            }
            if (incident.resolvedAt() != null) {
                entries.add(new Entry(id(incident, incident.resolvedAt(), "resolved"), "Resolved: " + incident.title(),
                        incident.resolvedAt(), "Resolved after " + incident.lasted() + ".", link));
            }
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        Instant updated = entries.isEmpty() ? status.asOf() : entries.get(0).at();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", pageUrl);
            element(xml, "title", status.title());
            element(xml, "updated", updated.toString());
            xml.writeStartElement("author");
            element(xml, "name", status.title());
            xml.writeEndElement();
            link(xml, "alternate", pageUrl);
            for (Entry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", entry.title());
                element(xml, "updated", entry.at().toString());
                link(xml, "alternate", entry.link());
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(entry.text());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the status feed", e);
        }
    }

    private static String id(PublicStatus.PublicIncident incident, Instant at, String what) {
        return "tag:sitrep," + incident.startedAt().toString().substring(0, 10) + ":" + incident.key() + ":" + what
                + ":" + at.toEpochMilli();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
