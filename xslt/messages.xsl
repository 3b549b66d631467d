<?xml version="1.0" encoding="UTF-8"?>
<!-- The "t" template: a message in the reader's language, else English,
     else its key in brackets (which a test looks for, so a missing text
     does not go unseen).  The including stylesheet defines $pd-lang and
     $pd-msgs (the <msg> elements of its catalogues). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:variable name="m" select="$pd-msgs[@k = $k][1]"/>
    <xsl:choose>
      <xsl:when test="$m/*[local-name() = $pd-lang]">
        <xsl:value-of select="$m/*[local-name() = $pd-lang]"/>
      </xsl:when>
      <xsl:when test="$m/en"><xsl:value-of select="$m/en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('[', $k, ']')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
