<?xml version="1.0" encoding="UTF-8"?>
<!-- A refused operator action (422): the action's form again with the
     errors beside the fields and what was typed, and the way back. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="work-forms.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('work.', work/@action)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <p><a href="/requests/{work/@request}"><xsl:value-of select="concat('← #', work/@request)"/></a></p>
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="concat('work.', work/@action)"/></xsl:call-template></h1>
    <xsl:call-template name="work-form">
      <xsl:with-param name="action" select="work/@action"/>
      <xsl:with-param name="id" select="work/@request"/>
      <xsl:with-param name="draft" select="work"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
