<?xml version="1.0" encoding="UTF-8"?>
<!-- Form fields of the admin pages (catalogue.xsl, policies.xsl): a
     label, the hint, the control, and the errors beside it.  The page
     stylesheet defines $c, the element whose <draft form> holds what a
     refused form had typed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- The value a form field shows: what was typed into that form when
       it came back, else the current one. -->
  <xsl:template name="value">
    <xsl:param name="form"/>
    <xsl:param name="name"/>
    <xsl:param name="current"/>
    <xsl:variable name="d" select="$c/draft[@form = $form]"/>
    <xsl:choose>
      <xsl:when test="$d"><xsl:value-of select="$d/*[local-name() = $name]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$current"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="input">
    <xsl:param name="form"/>
    <xsl:param name="name"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="max" select="80"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="lang" select="''"/>
    <div class="field">
      <label for="{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', $name)"/></xsl:call-template></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="hint-{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="$hint"/></xsl:call-template></p>
      </xsl:if>
      <input type="{$type}" id="{$name}" name="{$name}" maxlength="{$max}">
        <xsl:attribute name="value">
          <xsl:call-template name="value">
            <xsl:with-param name="form" select="$form"/>
            <xsl:with-param name="name" select="$name"/>
            <xsl:with-param name="current" select="$current"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$hint != ''"><xsl:attribute name="aria-describedby">hint-<xsl:value-of select="$name"/></xsl:attribute></xsl:if>
        <xsl:call-template name="invalid"><xsl:with-param name="name" select="$name"/></xsl:call-template>
      </input>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- A select of space-separated values (each ending in a space),
       labelled by prefix + value, or shown as they are. -->
  <xsl:template name="select">
    <xsl:param name="form"/>
    <xsl:param name="name"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="values"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:variable name="v">
      <xsl:call-template name="value">
        <xsl:with-param name="form" select="$form"/>
        <xsl:with-param name="name" select="$name"/>
        <xsl:with-param name="current" select="$current"/>
      </xsl:call-template>
    </xsl:variable>
    <div class="field">
      <label for="{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', $name)"/></xsl:call-template></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="hint-{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="$hint"/></xsl:call-template></p>
      </xsl:if>
      <select id="{$name}" name="{$name}">
        <xsl:if test="$hint != ''"><xsl:attribute name="aria-describedby">hint-<xsl:value-of select="$name"/></xsl:attribute></xsl:if>
        <xsl:call-template name="invalid"><xsl:with-param name="name" select="$name"/></xsl:call-template>
        <xsl:call-template name="options">
          <xsl:with-param name="values" select="$values"/>
          <xsl:with-param name="current" select="string($v)"/>
          <xsl:with-param name="prefix" select="$prefix"/>
        </xsl:call-template>
      </select>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="options">
    <xsl:param name="values"/>
    <xsl:param name="current"/>
    <xsl:param name="prefix"/>
    <xsl:if test="$values != ''">
      <xsl:variable name="one" select="substring-before($values, ' ')"/>
      <option value="{$one}">
        <xsl:if test="$one = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$prefix != ''"><xsl:call-template name="t"><xsl:with-param name="k" select="concat($prefix, $one)"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$one"/></xsl:otherwise>
        </xsl:choose>
      </option>
      <xsl:call-template name="options">
        <xsl:with-param name="values" select="substring-after($values, ' ')"/>
        <xsl:with-param name="current" select="$current"/>
        <xsl:with-param name="prefix" select="$prefix"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Marks a field that came back with an error, for screen readers. -->
  <xsl:template name="invalid">
    <xsl:param name="name"/>
    <xsl:if test="/page/errors/error[@field = $name]">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
