<?xml version="1.0" encoding="UTF-8"?>
<!-- The health feed (GET /health/feed, /health/feed/public) as Atom (RFC
     4287; docs/atom.rng checks what this writes): an entry per incident
     update, newest first, linking to the incident's page.  Ids and
     links are absolute, from the model's feed/@base. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/2005/Atom">
  <xsl:include href="messages.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"
      media-type="application/atom+xml"/>

  <!-- Texts: the health page's catalogue, then messages/common.xml. -->
  <xsl:variable name="pd-lang" select="string(/page/@lang)"/>
  <xsl:variable name="pd-catalogue" select="'health'"/>
  <xsl:variable name="f" select="/page/feed"/>
  <xsl:variable name="base" select="string($f/@base)"/>

  <xsl:template match="/">
    <feed xml:lang="{$pd-lang}">
      <id>
        <xsl:value-of select="concat($base, $f/@href)"/>
        <xsl:if test="$f/partner"><xsl:value-of select="concat('#partner-', $f/partner/@id)"/></xsl:if>
      </id>
      <title>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.health'"/></xsl:call-template>
        <xsl:if test="$f/partner"><xsl:value-of select="concat(' — ', $f/partner)"/></xsl:if>
      </title>
      <updated><xsl:value-of select="$f/@updated"/></updated>
      <author>
        <name><xsl:call-template name="t"><xsl:with-param name="k" select="'feed.author'"/></xsl:call-template></name>
      </author>
      <link rel="self" type="application/atom+xml" href="{concat($base, $f/@href)}"/>
      <link rel="alternate" type="text/html" href="{concat($base, '/health')}"/>
      <xsl:apply-templates select="$f/entry"/>
    </feed>
  </xsl:template>

  <xsl:template match="entry">
    <xsl:variable name="page" select="concat($base, '/health/incidents/', incident/@id)"/>
    <entry>
      <id><xsl:value-of select="concat($page, '#update-', @id)"/></id>
      <title>
        <xsl:call-template name="t">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="@resolves = 'yes'">feed.resolved</xsl:when>
              <xsl:when test="@first = 'yes'">feed.new</xsl:when>
              <xsl:otherwise>feed.update</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:value-of select="concat(': ', incident/title)"/>
      </title>
      <updated><xsl:value-of select="@at"/></updated>
      <published><xsl:value-of select="@at"/></published>
      <link rel="alternate" type="text/html" href="{$page}"/>
      <category term="{incident/@kind}">
        <xsl:attribute name="label"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.kind.', incident/@kind)"/></xsl:call-template></xsl:attribute>
      </category>
      <xsl:if test="@status">
        <category term="{@status}">
          <xsl:attribute name="label"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('health.', @status)"/></xsl:call-template></xsl:attribute>
        </category>
      </xsl:if>
      <xsl:for-each select="incident/services/service">
        <category term="service-{@id}" label="{name}"/>
      </xsl:for-each>
      <content type="text">
        <xsl:value-of select="text"/>
        <xsl:if test="normalize-space(incident/area)">
          <xsl:value-of select="concat('&#10;&#10;', incident/area)"/>
        </xsl:if>
      </content>
    </entry>
  </xsl:template>
</xsl:stylesheet>
