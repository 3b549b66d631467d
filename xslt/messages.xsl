<?xml version="1.0" encoding="UTF-8"?>
<!-- The "t" template: a message in the reader's language, else English,
     else its key in brackets (which a test looks for, so a missing text
     does not go unseen).  With "else", a key to use when k has no text.
     The including stylesheet defines $pd-lang and $pd-catalogue (the
     catalogue searched before messages/common.xml).  The workers parse
     the catalogues once (lib/messages.c) and compile each view once per
     language (lib/render.c): a call with a literal k becomes its text,
     any other a pd:text() lookup by key. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pd="urn:partnerdesk" exclude-result-prefixes="pd">
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:param name="else" select="''"/>
    <xsl:choose>
      <xsl:when test="function-available('pd:text')">
        <xsl:value-of select="pd:text($pd-catalogue, $pd-lang, $k, $else)"/>
      </xsl:when>
      <!-- Elsewhere (xsltproc: scripts/webconf's error pages) the same
           lookup over the catalogues read with document(). -->
      <xsl:otherwise>
        <xsl:variable name="msgs"
            select="document(concat('messages/', $pd-catalogue, '.xml'))/messages/msg
                  | document('messages/common.xml')/messages/msg"/>
        <xsl:variable name="mk" select="$msgs[@k = $k][1]"/>
        <xsl:variable name="m" select="$mk | $msgs[not($mk)][@k = $else][1]"/>
        <xsl:choose>
          <xsl:when test="$m/*[local-name() = $pd-lang]">
            <xsl:value-of select="$m/*[local-name() = $pd-lang]"/>
          </xsl:when>
          <xsl:when test="$m/en"><xsl:value-of select="$m/en"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('[', $k, ']')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
