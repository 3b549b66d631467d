<?xml version="1.0" encoding="UTF-8"?>
<!-- The POST forms of an HTML page, one line each, for test-xss.sh:
     action TAB field=type:value TAB …  (a select's value is its first
     option's; an unchecked box or radio is left out, as a browser does).
     Run with xsltproc - -html. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//form[translate(@method, 'POST', 'post') = 'post']">
      <xsl:value-of select="@action"/>
      <xsl:for-each select=".//input[@name][not(@type = 'submit')][not(@type = 'checkbox' or @type = 'radio') or @checked]
                            | .//textarea[@name] | .//select[@name]">
        <xsl:text>&#9;</xsl:text>
        <xsl:value-of select="@name"/>
        <xsl:text>=</xsl:text>
        <xsl:choose>
          <xsl:when test="self::textarea">textarea</xsl:when>
          <xsl:when test="self::select">select</xsl:when>
          <xsl:when test="@type"><xsl:value-of select="@type"/></xsl:when>
          <xsl:otherwise>text</xsl:otherwise>
        </xsl:choose>
        <xsl:text>:</xsl:text>
        <xsl:choose>
          <xsl:when test="self::select">
            <xsl:value-of select="(option[@selected] | option[@value != ''])[1]/@value"/>
          </xsl:when>
          <xsl:when test="self::textarea"><xsl:value-of select="."/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
